package org.custodian.chart.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.custodian.chart.Admission;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.EncounterLifecycle;
import org.custodian.chart.EncounterState;
import org.custodian.chart.EncounterStatus;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Admitting many new visits with one statement (the HL7 feed's batches): each free visit number
 * of a registered patient becomes an encounter in progress, audited as a single admission is;
 * a visit number taken, or a patient unknown, is left out at its position for the caller.
 */
@CustodianTest
class AdmitAllNewIT {

    @Autowired EncounterLifecycle encounters;
    @Autowired PatientRegistry patients;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void freeVisitsOfRegisteredPatientsAreAdmittedAndTheOthersLeftOutInPlace() {
        String run = TestPatients.uniqueName("Aan");
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(TestPatients.newPatient("Ada", run, LocalDate.of(1970, 1, 1))).id();
            ids[1] = patients.register(TestPatients.newPatient("Bea", run, LocalDate.of(1980, 2, 2))).id();
        });
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        accounts.runAs(Role.INTERFACE_ENGINE, () -> encounters.admit(
                new Admission(ids[1], run + "-TAKEN", EncounterClass.INPATIENT, "I", at, null, null, null)));

        List<List<Optional<EncounterState>>> result = new java.util.ArrayList<>();
        accounts.runAs(Role.INTERFACE_ENGINE, () -> result.add(encounters.admitAllNew(List.of(
                new Admission(ids[0], run + "-A", EncounterClass.INPATIENT, "I", at, "4E/401/A", "Marcus Welby", "MED"),
                new Admission(ids[1], run + "-TAKEN", EncounterClass.INPATIENT, "I", at, null, null, null),
                new Admission(Long.MAX_VALUE, run + "-NOBODY", EncounterClass.INPATIENT, "I", at, null, null, null),
                new Admission(ids[1], run + "-B", EncounterClass.OUTPATIENT, "O", at, null, null, null)))));
        List<Optional<EncounterState>> admitted = result.get(0);

        assertThat(admitted).hasSize(4);
        assertThat(admitted.get(0)).hasValueSatisfying(e -> {
            assertThat(e.encounterNumber()).isEqualTo(run + "-A");
            assertThat(e.patientId()).isEqualTo(ids[0]);
            assertThat(e.status()).isEqualTo(EncounterStatus.IN_PROGRESS);
            assertThat(e.admitAt()).isEqualTo(at);
            assertThat(e.location()).isEqualTo("4E/401/A");
        });
        assertThat(admitted.get(1)).isEmpty();
        assertThat(admitted.get(2)).isEmpty();
        assertThat(admitted.get(3)).hasValueSatisfying(e -> assertThat(e.encounterClass()).isEqualTo(EncounterClass.OUTPATIENT));
        assertThat(jdbc.sql("select count(*) from encounter where encounter_number like ?").param(run + "-%")
                .query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("""
                        select count(*) from audit_event where resource_type = 'Encounter' and action = 'UPDATE'
                        and resource_id in (?, ?)""")
                .params(String.valueOf(admitted.get(0).get().id()), String.valueOf(admitted.get(3).get().id()))
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aVisitNumberTwiceOrMissingIsRefusedWithTheFieldNamed() {
        Instant at = Instant.parse("2026-03-01T08:00:00Z");
        assertThatThrownBy(() -> encounters.admitAllNew(List.of(
                new Admission(1, "SAME", EncounterClass.INPATIENT, "I", at, null, null, null),
                new Admission(2, "SAME", EncounterClass.INPATIENT, "I", at, null, null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("encounterNumber");
        assertThatThrownBy(() -> encounters.admitAllNew(List.of(
                new Admission(1, null, EncounterClass.INPATIENT, "I", at, null, null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("encounterNumber");
    }
}
