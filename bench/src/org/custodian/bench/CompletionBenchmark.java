package org.custodian.bench;

import java.util.Locale;
import org.custodian.completion.RecordCompletion;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Full re-analysis of N encounters (default 100,000) by record completion: the fixture (patients,
 * encounters, practitioners, documents) is written with set-based SQL (not measured); then
 * {@link RecordCompletion#reanalyseAll()} runs twice: the first pass opens every deficiency, the
 * second finds the table already in agreement (the steady state after a rule change).
 */
public final class CompletionBenchmark {

    static final int N = Integer.getInteger("bench.encounters", 100_000);

    public static void main(String[] args) throws Exception {
        try (BenchDatabase db = BenchDatabase.start("completion", "512MB", "64MB")) {
            EncoderBenchmark.machine();
            try (ConfigurableApplicationContext app = db.application()) {
                JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
                long t0 = System.nanoTime();
                fixture(jdbc);
                System.out.printf(Locale.ROOT, "fixture: %,d encounters, %,d documents, %,d participants in %.1f s%n",
                        jdbc.queryForObject("select count(*) from encounter", Long.class),
                        jdbc.queryForObject("select count(*) from clinical_document", Long.class),
                        jdbc.queryForObject("select count(*) from encounter_participant", Long.class), (System.nanoTime() - t0) / 1e9);
                BenchDatabase.runAs("completion:manage");
                RecordCompletion completion = app.getBean(RecordCompletion.class);
                for (String pass : new String[] {"first (opens every deficiency)", "second (already in agreement)"}) {
                    long s = System.nanoTime();
                    int n = completion.reanalyseAll();
                    double secs = (System.nanoTime() - s) / 1e9;
                    System.out.printf(Locale.ROOT, "re-analysis, %s: %,d encounters in %.1f s (%,.0f encounters/s); open deficiencies %,d%n",
                            pass, n, secs, n / secs, jdbc.queryForObject("select count(*) from deficiency where state = 'OPEN'", Long.class));
                }
            }
        }
    }

    /** Patients, inpatient stays over the last year, 40 practitioners, and the documents, in a few statements. */
    static void fixture(JdbcTemplate jdbc) {
        jdbc.execute("insert into practitioner (name, npi, staff_status) select 'Dr. Bench ' || g, null, 'UNVERIFIED' from generate_series(1, 40) g");
        jdbc.execute("""
                insert into patient (mrn, given_name, family_name, birth_date, sex, search_name)
                select 'B' || g, 'Given' || g, 'Family' || g, date '1950-01-01' + (g % 20000), 'F', 'family' || g || ' given' || g
                from generate_series(1, """ + N + ") g");
        jdbc.execute("""
                insert into encounter (patient_id, encounter_number, encounter_class, admit_at, discharge_at, service, status)
                select p.id, 'BE' || p.id, 'INPATIENT', now() - ((p.id % 365) || ' days')::interval - interval '4 days',
                       now() - ((p.id % 365) || ' days')::interval, 'Medicine', 'FINISHED'
                from patient p""");
        jdbc.execute("""
                insert into encounter_participant (encounter_id, role, practitioner_id, at)
                select e.id, 'ATTENDING', (select min(id) from practitioner) + e.id % 40, e.admit_at from encounter e""");
        jdbc.execute("""
                insert into encounter_participant (encounter_id, role, practitioner_id, at)
                select e.id, 'OPERATING', (select min(id) from practitioner) + (e.id + 7) % 40, e.admit_at + interval '5 hours'
                from encounter e where e.id % 10 = 0""");
        jdbc.execute("""
                insert into clinical_document (patient_id, encounter_id, doc_type, loinc_code, title, author, author_id, body, status,
                                               created_at, signed_by, signed_at)
                select e.patient_id, e.id, d.type, d.loinc, d.title, 'Dr. Bench', (select min(id) from practitioner) + e.id % 40, 'Text.',
                       case when d.type = 'PROGRESS_NOTE' and e.id % 3 = 0 then 'UNSIGNED' else 'SIGNED' end,
                       e.admit_at + d.after,
                       case when d.type = 'PROGRESS_NOTE' and e.id % 3 = 0 then null else 'Dr. Bench' end,
                       case when d.type = 'PROGRESS_NOTE' and e.id % 3 = 0 then null else e.admit_at + d.after + interval '2 hours' end
                from encounter e cross join (values ('HISTORY_AND_PHYSICAL', '34117-2', 'History and physical', interval '3 hours'),
                                                    ('PROGRESS_NOTE', '11506-3', 'Progress note', interval '1 day'),
                                                    ('DISCHARGE_SUMMARY', '18842-5', 'Discharge summary', interval '4 days')) d(type, loinc, title, after)
                where d.type <> 'DISCHARGE_SUMMARY' or e.id % 7 <> 0""");
        jdbc.execute("analyze");
    }
}
