package org.custodian.bench;

import java.util.Locale;
import org.custodian.cdi.CdiWorklist;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CDI worklist for N in-house inpatients (default 2,000), each with an ICD-10-CM diagnosis and
 * twelve lab and vital-sign Observations (sodium, creatinine twice, lactate, hemoglobin twice, BMI,
 * heart rate, temperature, glucose, WBC, respiratory rate), beside 20,000 discharged stays of the
 * past year with their own Observations (not candidates). Fixture by set-based SQL (not measured);
 * then the concurrent worklist (every rule over the 2,000 in-house stays, one page of 50 shown) is
 * computed five times, then the whole list (with the discharged stays of the retrospective window).
 * Target: ≤ 2 s for the 2,000 in-house patients.
 */
public final class CdiWorklistBenchmark {

    static final int N = Integer.getInteger("bench.inpatients", 2_000);

    public static void main(String[] args) throws Exception {
        try (BenchDatabase db = BenchDatabase.start("cdi", "256MB", "32MB")) {
            EncoderBenchmark.machine();
            try (ConfigurableApplicationContext app = db.application()) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                long t0 = System.nanoTime();
                fixture(jdbc);
                System.out.printf(Locale.ROOT, "fixture: %,d encounters (%,d in house), %,d Observations, %,d findings in %.1f s%n",
                        jdbc.queryForObject("select count(*) from encounter", Long.class),
                        jdbc.queryForObject("select count(*) from encounter where discharge_at is null", Long.class),
                        jdbc.queryForObject("select count(*) from clinical_resource", Long.class),
                        jdbc.queryForObject("select count(*) from chart_finding", Long.class), (System.nanoTime() - t0) / 1e9);
                BenchDatabase.runAs("cdi:review", "chart:read");
                CdiWorklist worklist = app.getBean(CdiWorklist.class);
                for (org.custodian.cdi.Timing timing : new org.custodian.cdi.Timing[] {org.custodian.cdi.Timing.CONCURRENT, null}) {
                    for (int run = 1; run <= 5; run++) {
                        long s = System.nanoTime();
                        CdiWorklist.Page page = worklist.worklist(new CdiWorklist.Filter(timing, null, null, null, true, 0, 50));
                        double secs = (System.nanoTime() - s) / 1e9;
                        System.out.printf(Locale.ROOT, "worklist (%s) run %d: %,d stays evaluated, %,d with a reason, in %.2f s; hits %s%n",
                                timing == null ? "in house and retrospective" : "in house", run, page.evaluated(), page.total(), secs,
                                page.hitsByRule());
                    }
                }
            }
        }
    }

    static void fixture(JdbcTemplate jdbc) {
        int discharged = 20_000;
        jdbc.execute("""
                insert into patient (mrn, given_name, family_name, birth_date, sex, search_name)
                select 'C' || g, 'Given' || g, 'Family' || g, date '1940-01-01' + (g %% 20000), case when g %% 2 = 0 then 'F' else 'M' end,
                       'family' || g || ' given' || g
                from generate_series(1, %d) g""".formatted(N + discharged));
        jdbc.execute("""
                insert into encounter (patient_id, encounter_number, encounter_class, admit_at, discharge_at, attending_provider, service, status)
                select p.id, 'CE' || p.id, 'INPATIENT',
                       case when p.id <= (select min(id) from patient) + %1$d - 1 then now() - ((p.id %% 9 + 1) || ' days')::interval
                            else now() - ((p.id %% 365 + 5) || ' days')::interval end,
                       case when p.id <= (select min(id) from patient) + %1$d - 1 then null
                            else now() - ((p.id %% 365 + 1) || ' days')::interval end,
                       'Dr. Bench', 'Medicine',
                       case when p.id <= (select min(id) from patient) + %1$d - 1 then 'IN_PROGRESS' else 'FINISHED' end
                from patient p""".formatted(N));
        jdbc.execute("""
                insert into chart_finding (patient_id, encounter_id, kind, code_system, code, display, recorded_at)
                select e.patient_id, e.id, 'CONDITION', 'http://hl7.org/fhir/sid/icd-10-cm',
                       (array['J18.9', 'I50.9', 'N39.0', 'K92.2', 'J44.1'])[e.id % 5 + 1], null, e.admit_at from encounter e""");
        jdbc.execute("""
                insert into clinical_resource (resource_type, fhir_id, source, source_key, last_updated, patient_id, encounter_id, status,
                                               date_start, date_end, terms, resource)
                select 'Observation', md5(e.id || '|' || t.code || '|' || t.h), 'bench', 'id:' || md5(e.id || '|' || t.code || '|' || t.h),
                       now(), e.patient_id, e.id, 'final', e.admit_at + (t.h || ' hours')::interval, e.admit_at + (t.h || ' hours')::interval,
                       array['status=final', 'code=' || t.code, 'code=http://loinc.org|' || t.code, 'code=http://loinc.org|',
                             'patient=Patient/' || e.patient_id],
                       jsonb_build_object('resourceType', 'Observation', 'status', 'final',
                           'code', jsonb_build_object('coding', jsonb_build_array(jsonb_build_object('system', 'http://loinc.org', 'code', t.code)),
                                                      'text', t.name),
                           'valueQuantity', jsonb_build_object('value', round((t.base + (e.id % 7) * t.step)::numeric, 2), 'unit', t.unit))
                from encounter e cross join (values
                    ('2951-2', 'Sodium', 'mmol/L', 129.0, 1.5, 2), ('2160-0', 'Creatinine', 'mg/dL', 0.9, 0.05, 2),
                    ('2160-0', 'Creatinine', 'mg/dL', 1.1, 0.15, 30), ('2524-7', 'Lactate', 'mmol/L', 1.2, 0.4, 3),
                    ('718-7', 'Hemoglobin', 'g/dL', 12.5, 0.1, 2), ('718-7', 'Hemoglobin', 'g/dL', 10.0, 0.2, 26),
                    ('39156-5', 'BMI', 'kg/m2', 31.0, 2.0, 4), ('8867-4', 'Heart rate', '/min', 80, 6, 2),
                    ('8310-5', 'Body temperature', 'Cel', 36.8, 0.3, 2), ('2339-0', 'Glucose', 'mg/dL', 95, 12, 2),
                    ('6690-2', 'WBC', '10*3/uL', 7.0, 1.5, 2), ('9279-1', 'Respiratory rate', '/min', 16, 2, 2))
                    t(code, name, unit, base, step, h)""");
        jdbc.execute("analyze");
    }
}
