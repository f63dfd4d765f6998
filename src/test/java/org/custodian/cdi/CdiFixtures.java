package org.custodian.cdi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.EncounterParticipant;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.NewFinding;
import org.custodian.chart.ParticipantRole;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.support.HospitalToday;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;

/**
 * A stay for CDI tests: a patient, an inpatient encounter attended by the test clinician, its coded
 * conditions and lab/vital Observations kept as the FHIR import keeps them. Built from the context's
 * beans: {@link #of(org.springframework.context.ApplicationContext)}.
 */
public class CdiFixtures {

    public record Lab(String loinc, String name, String value, String unit, Instant at) {
    }

    public record StayRef(Patient patient, long encounterId, Instant admitAt, Instant dischargeAt) {
    }

    private final PatientRegistry patients;
    private final ChartService charts;
    private final ChartFindings findings;
    private final ClinicalResources resources;
    private final StaffAccounts accounts;

    public CdiFixtures(PatientRegistry patients, ChartService charts, ChartFindings findings, ClinicalResources resources,
                StaffAccounts accounts) {
        this.patients = patients;
        this.charts = charts;
        this.findings = findings;
        this.resources = resources;
        this.accounts = accounts;
    }

    public static CdiFixtures of(org.springframework.context.ApplicationContext context) {
        return new CdiFixtures(context.getBean(PatientRegistry.class), context.getBean(ChartService.class),
                context.getBean(ChartFindings.class), context.getBean(ClinicalResources.class), context.getBean(StaffAccounts.class));
    }

    /**
     * Noon, hospital time, {@code days} before the hospital's today ({@link HospitalToday}): every CDI
     * test dates its stays so, never by a calendar date that the retrospective window (120 days) or a
     * fiscal year would age out of. A stay of a fiscal year without a loaded grouper (FY2027 before
     * MS-DRG v44) still gets a working DRG, provisional, from the newest loaded grouper.
     */
    public static Instant daysAgo(int days) {
        return HospitalToday.date().minusDays(days).atTime(12, 0).atZone(HospitalToday.zone()).toInstant();
    }

    /** A discharge three days ago: the stay is on the retrospective (pre-bill) worklist. */
    public static Instant recentDischarge() {
        return daysAgo(3);
    }

    public StayRef stay(String family, Instant admit, Instant discharge, List<String> icd10, List<Lab> labs) {
        long practitioner = accounts.clinicianPractitioner();
        Patient p = patients.register(TestPatients.newPatient("Cdi", TestPatients.uniqueName(family), LocalDate.of(1950, 3, 3)));
        long e = charts.record(new NewEncounter(p.id(), null, EncounterClass.INPATIENT, admit, discharge, StaffAccounts.CLINICIAN_NAME,
                "Medicine", null, List.of(new EncounterParticipant(ParticipantRole.ATTENDING, practitioner, admit)))).id();
        List<NewFinding> dx = new ArrayList<>();
        for (String code : icd10) {
            dx.add(new NewFinding(p.id(), e, FindingKind.CONDITION, CodedFinding.ICD_10_CM, code, "Condition " + code, null, admit));
        }
        if (!dx.isEmpty()) {
            findings.recordAll(dx);
        }
        List<ClinicalResources.NewResource> obs = new ArrayList<>();
        for (Lab l : labs) {
            String id = UUID.randomUUID().toString();
            String json = """
                    {"resourceType":"Observation","id":"%s","status":"final",
                     "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}],"text":"%s"},
                     "subject":{"reference":"Patient/%d"},"effectiveDateTime":"%s",
                     "valueQuantity":{"value":%s,"unit":"%s"}}""".formatted(id, l.loinc(), l.name(), l.name(), p.id(), l.at(),
                    new BigDecimal(l.value()).toPlainString(), l.unit());
            obs.add(new ClinicalResources.NewResource("Observation", id, "test", "id:" + id, p.id(), e, "final", l.at(), l.at(),
                    List.of("status=final", "code=" + l.loinc(), "code=http://loinc.org|" + l.loinc(), "code=http://loinc.org|",
                            "patient=Patient/" + p.id()), json));
        }
        if (!obs.isEmpty()) {
            resources.storeAll(obs);
        }
        return new StayRef(p, e, admit, discharge);
    }
}
