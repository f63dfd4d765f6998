package org.custodian.coding.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;

/** Patients and discharged encounters for the coding tests, uniquely named. */
final class CodingFixtures {

    record Stay(long patientId, long encounterId) {
    }

    private CodingFixtures() {
    }

    /** A stay of the patient (born on {@code birthDate}, of that sex) admitted two days before a noon discharge. */
    static Stay stay(StaffAccounts accounts, PatientRegistry patients, ChartService charts, LocalDate birthDate,
            AdministrativeSex sex, LocalDate discharge, EncounterClass encounterClass) {
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            NewPatient p = TestPatients.newPatient("Coda", TestPatients.uniqueName("Coding"), birthDate);
            ids[0] = patients.register(new NewPatient(null, null, p.givenName(), null, p.familyName(), birthDate, sex,
                    null, null, null, List.of())).id();
            Instant dischargeAt = discharge.atTime(LocalTime.NOON).atZone(ZoneId.of("UTC")).toInstant();
            ids[1] = charts.record(new NewEncounter(ids[0], null, encounterClass, dischargeAt.minusSeconds(2 * 86400),
                    dischargeAt, "Dr. Coder", "Medicine", DischargeDisposition.HOME)).id();
        });
        return new Stay(ids[0], ids[1]);
    }
}
