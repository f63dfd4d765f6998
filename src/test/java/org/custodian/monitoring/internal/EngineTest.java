package org.custodian.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.AccessReasons.AccessReason;
import org.junit.jupiter.api.Test;

/** Each scoring rule fires on its own case and not on its neighbour's (45 CFR 164.308(a)(1)(ii)(D)). */
class EngineTest {

    static final ZoneId ZONE = ZoneId.of("America/Chicago");
    /** A Wednesday, 10:00 in Chicago: working hours. */
    static final Instant DAY = Instant.parse("2026-03-04T16:00:00Z");

    static List<Engine.Rule> rules() {
        return List.of(
                new Engine.Rule(Engine.SELF_ACCESS, "Self-access", 100, "self", true),
                new Engine.Rule(Engine.SAME_ADDRESS, "Same address", 80, "address", true),
                new Engine.Rule(Engine.SAME_FAMILY_NAME, "Same family name", 60, "family", true),
                new Engine.Rule(Engine.CO_WORKER, "Co-worker", 60, "co-worker", true),
                new Engine.Rule(Engine.VIP, "VIP", 40, "vip", true),
                new Engine.Rule(Engine.DECEASED, "Deceased", 50, "deceased", true),
                new Engine.Rule(Engine.AFTER_DISCHARGE, "After discharge", 25, "after discharge", true),
                new Engine.Rule(Engine.VOLUME, "Volume", 40, "volume", true),
                new Engine.Rule(Engine.OFF_HOURS, "Off-hours", 15, "off hours", true));
    }

    final Map<Long, Engine.PatientFacts> patients = new HashMap<>();
    final Map<String, Engine.StaffFacts> staff = new HashMap<>();

    EngineTest() {
        staff.put("jdoe", new Engine.StaffFacts("jdoe", "Doe", Engine.addressKey("12 Elm Street, Apt 4", "60601"), "M100", "Nursing"));
        staff.put("asmith", new Engine.StaffFacts("asmith", "Smith", Engine.addressKey("9 Oak Ave", "60602"), "M200", "Radiology"));
        staff.put("bcoder", new Engine.StaffFacts("bcoder", "Brown", null, null, "HIM"));
        patient(1, "M100", "Doe", "12 Elm St", "60601");       // jdoe herself
        patient(2, "P002", "Doe", "1 Far Rd", "60699");        // same family name
        patient(3, "P003", "Kowalski", "12 ELM STREET", "60601-1234"); // jdoe's household
        patient(4, "M200", "Smith", "9 Oak Ave", "60602");     // asmith, an employee: jdoe's co-worker
        patient(5, "P005", "Nguyen", "5 Pine", "60610");       // a stranger
    }

    void patient(long id, String mrn, String family, String line, String zip) {
        patients.put(id, new Engine.PatientFacts(id, mrn, family, Engine.addressKey(line, zip), Set.of(), null, null));
    }

    /** Family names all rare (a hospital of millions), unless a test says otherwise. */
    Engine engine(List<AccessReason> reasons) {
        return new Engine(Engine.Settings.defaults(ZONE), rules(), patients, staff, reasons, Map.of());
    }

    static Engine.Access read(long seq, Instant at, String user, String roles, long patient) {
        return new Engine.Access(seq, at, user, roles, patient, "Chart", false);
    }

    List<String> fired(Engine e, Engine.Access a) {
        return e.run(List.of(a), Map.of()).get(0).fired().stream().map(Engine.Fired::rule).toList();
    }

    @Test
    void selfAccessFiresAlone() {
        assertThat(fired(engine(List.of()), read(1, DAY, "jdoe", "CLINICIAN", 1))).containsExactly(Engine.SELF_ACCESS);
    }

    @Test
    void sameFamilyName() {
        assertThat(fired(engine(List.of()), read(1, DAY, "jdoe", "CLINICIAN", 2))).containsExactly(Engine.SAME_FAMILY_NAME);
    }

    @Test
    void sameAddressIgnoresUnitSpellingAndZipPlusFour() {
        assertThat(fired(engine(List.of()), read(1, DAY, "jdoe", "CLINICIAN", 3))).containsExactly(Engine.SAME_ADDRESS);
    }

    @Test
    void coWorker() {
        assertThat(fired(engine(List.of()), read(1, DAY, "jdoe", "CLINICIAN", 4))).containsExactly(Engine.CO_WORKER);
    }

    @Test
    void aCoWorkerOfTheSameDepartmentWeighsFullAnotherDepartmentsTwoThirds() {
        staff.put("rad2", new Engine.StaffFacts("rad2", "Olsen", null, null, "Radiology"));
        Engine e = engine(List.of());
        assertThat(e.run(List.of(read(1, DAY, "rad2", "CLINICIAN", 4)), Map.of()).get(0).fired().get(0).contribution()).isEqualTo(60);
        assertThat(e.run(List.of(read(2, DAY, "jdoe", "CLINICIAN", 4)), Map.of()).get(0).fired().get(0).contribution()).isEqualTo(40);
    }

    @Test
    void aCommonFamilyNameWeighsLess() {
        Engine e = new Engine(Engine.Settings.defaults(ZONE), rules(), patients, staff, List.of(), Map.of("DOE", 0.02));
        Engine.Fired f = e.run(List.of(read(1, DAY, "jdoe", "CLINICIAN", 2)), Map.of()).get(0).fired().get(0);
        assertThat(f.contribution()).isEqualTo(30);
        assertThat(f.explanation()).contains("common name");
    }

    @Test
    void strangerInWorkingHoursFiresNothing() {
        assertThat(fired(engine(List.of()), read(1, DAY, "jdoe", "CLINICIAN", 5))).isEmpty();
    }

    @Test
    void vip() {
        patients.put(5L, new Engine.PatientFacts(5, "P005", "Nguyen", null, Set.of("VIP"), null, null));
        assertThat(fired(engine(List.of()), read(1, DAY, "jdoe", "CLINICIAN", 5))).containsExactly(Engine.VIP);
    }

    @Test
    void afterDischargeOnlyOutsideHim() {
        patients.put(5L, new Engine.PatientFacts(5, "P005", "Nguyen", null, Set.of(), DAY.minusSeconds(86400 * 10), null));
        Engine e = engine(List.of());
        assertThat(fired(e, read(1, DAY, "jdoe", "CLINICIAN", 5))).containsExactly(Engine.AFTER_DISCHARGE);
        assertThat(fired(e, read(2, DAY, "bcoder", "CODER", 5))).isEmpty();
        assertThat(fired(e, read(3, DAY.minusSeconds(86400 * 14), "jdoe", "CLINICIAN", 5))).isEmpty();
    }

    /** Only the latest discharge counts, and only until the patient is admitted again: a readmitted patient is in house. */
    @Test
    void afterDischargeCountsTheLatestDischargeOnlyUntilTheNextAdmission() {
        Instant discharged = DAY.minusSeconds(86400 * 30);
        Instant readmitted = DAY.minusSeconds(86400 * 2);
        patients.put(5L, new Engine.PatientFacts(5, "P005", "Nguyen", null, Set.of(), discharged, readmitted, null));
        Engine e = engine(List.of());
        assertThat(fired(e, read(1, DAY, "jdoe", "CLINICIAN", 5))).as("in house again").isEmpty();
        assertThat(fired(e, read(2, DAY.minusSeconds(86400 * 7), "jdoe", "CLINICIAN", 5))).as("between the stays, a week before")
                .containsExactly(Engine.AFTER_DISCHARGE);
    }

    /** The scan reads the log in batches: a day's groups of two batches add up to one alert. */
    @Test
    void groupsOfTwoBatchesAddUpToOneAlert() {
        patients.put(5L, new Engine.PatientFacts(5, "P005", "Nguyen", null, Set.of(), null, DAY.minusSeconds(3600)));
        Engine e = engine(List.of());
        Instant early = Instant.parse("2026-03-04T12:00:00Z"); // 06:00 Chicago, before the death at 09:00
        List<Engine.Group> first = e.groups(e.run(List.of(read(1, early, "jdoe", "CLINICIAN", 5)), Map.of()));
        List<Engine.Group> second = e.groups(e.run(List.of(read(2, DAY, "jdoe", "CLINICIAN", 5)), Map.of()));
        assertThat(first).singleElement().satisfies(g -> assertThat(e.alerting(g)).isFalse()); // off-hours 15
        assertThat(second).singleElement().satisfies(g -> assertThat(e.alerting(g)).isFalse()); // deceased 50
        Engine.Group both = first.get(0).plus(second.get(0));
        assertThat(both.key()).isEqualTo(second.get(0).key());
        assertThat(e.alerting(both)).isTrue();
        assertThat(both.score()).isEqualTo(65);
        assertThat(both.alert().accesses()).extracting(Engine.Access::seq).containsExactly(1L, 2L);
    }

    @Test
    void deceased() {
        patients.put(5L, new Engine.PatientFacts(5, "P005", "Nguyen", null, Set.of(), DAY.minusSeconds(86400), DAY.minusSeconds(86400)));
        assertThat(fired(engine(List.of()), read(1, DAY, "bcoder", "CODER", 5))).containsExactly(Engine.DECEASED);
    }

    @Test
    void offHoursAndWeekends() {
        Engine e = engine(List.of());
        assertThat(fired(e, read(1, Instant.parse("2026-03-05T07:30:00Z"), "jdoe", "CLINICIAN", 5))).containsExactly(Engine.OFF_HOURS); // 01:30 Chicago
        assertThat(fired(e, read(2, Instant.parse("2026-03-07T16:00:00Z"), "jdoe", "CLINICIAN", 5))).containsExactly(Engine.OFF_HOURS); // Saturday
    }

    @Test
    void volumeFarAboveTheRoleBaseline() {
        for (long p = 100; p < 160; p++) {
            patients.put(p, new Engine.PatientFacts(p, "X" + p, "Other" + p, null, Set.of(), null, null));
        }
        List<Engine.Access> batch = new java.util.ArrayList<>();
        long seq = 0;
        // ten colleagues open two unexplained charts each; "binger" opens forty
        for (int u = 0; u < 10; u++) {
            for (int k = 0; k < 2; k++) {
                batch.add(read(++seq, DAY, "nurse" + u, "CLINICIAN", 100 + u * 2 + k));
            }
        }
        for (int k = 0; k < 40; k++) {
            batch.add(read(++seq, DAY.plusSeconds(k), "binger", "CLINICIAN", 120 + k));
        }
        List<Engine.Verdict> v = engine(List.of()).run(batch, Map.of());
        assertThat(v.get(0).fired()).isEmpty();
        assertThat(v.get(v.size() - 1).fired()).extracting(Engine.Fired::rule).containsExactly(Engine.VOLUME);
        assertThat(v.get(v.size() - 1).fired().get(0).explanation()).contains("40 unexplained patients").contains("median is 2");
    }

    @Test
    void anExplainedAccessIsNotScoredEvenToARelative() {
        AccessReason coding = new AccessReason("jdoe", 2, "coding", "coding abstract of encounter 7", DAY.minusSeconds(3600), null);
        List<Engine.Verdict> v = engine(List.of(coding)).run(List.of(read(1, DAY, "jdoe", "CODER", 2)), Map.of());
        assertThat(v.get(0).reason()).isEqualTo(coding);
        assertThat(v.get(0).fired()).isEmpty();
    }

    @Test
    void aReasonCoversItsIntervalWidenedByTheGraceWindowOnly() {
        AccessReason ended = new AccessReason("jdoe", 2, "release of information", "request R1", DAY.minusSeconds(10 * 86400),
                DAY.minusSeconds(5 * 86400));
        Engine e = engine(List.of(ended));
        assertThat(e.explain(read(1, DAY.minusSeconds(5 * 86400 - 3600), "jdoe", "ROI_SPECIALIST", 2))).isEqualTo(ended);
        assertThat(e.explain(read(2, DAY, "jdoe", "ROI_SPECIALIST", 2))).isNull(); // 5 days after: beyond 72 h
        assertThat(e.explain(read(3, DAY.minusSeconds(6 * 86400), "asmith", "ROI_SPECIALIST", 2))).isNull(); // another user
    }

    @Test
    void aRegistrationExplainsTheRegistrarsAccessesThatFollow() {
        Engine e = engine(List.of());
        List<Engine.Verdict> v = e.run(List.of(new Engine.Access(1, DAY, "jdoe", "CLINICIAN", 2, "Patient", true),
                read(2, DAY.plusSeconds(60), "jdoe", "CLINICIAN", 2)), Map.of());
        assertThat(v.get(1).reason()).isNotNull();
        assertThat(v.get(1).reason().kind()).isEqualTo("registration");
    }

    @Test
    void alertsGroupByUserPatientAndDayAndNeedTheThreshold() {
        Engine e = engine(List.of());
        List<Engine.Verdict> v = e.run(List.of(read(1, DAY, "jdoe", "CLINICIAN", 2), read(2, DAY.plusSeconds(600), "jdoe", "CLINICIAN", 2),
                read(3, Instant.parse("2026-03-05T07:30:00Z"), "jdoe", "CLINICIAN", 5)), Map.of());
        List<Engine.Alert> alerts = e.alerts(v);
        assertThat(alerts).hasSize(1); // off-hours alone (20) stays under the threshold (60)
        assertThat(alerts.get(0).patientId()).isEqualTo(2);
        assertThat(alerts.get(0).accesses()).hasSize(2);
        assertThat(alerts.get(0).score()).isEqualTo(60);
        assertThat(alerts.get(0).rules().get(0).explanation()).contains("Doe");
    }

    @Test
    void aDisabledRuleDoesNotFire() {
        List<Engine.Rule> off = rules().stream().map(r -> r.code().equals(Engine.SAME_FAMILY_NAME)
                ? new Engine.Rule(r.code(), r.title(), r.weight(), r.explanation(), false) : r).toList();
        Engine e = new Engine(Engine.Settings.defaults(ZONE), off, patients, staff, List.of());
        assertThat(fired(e, read(1, DAY, "jdoe", "CLINICIAN", 2))).isEmpty();
    }
}
