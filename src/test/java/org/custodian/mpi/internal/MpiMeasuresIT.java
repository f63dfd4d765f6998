package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * AHIMA's MPI measures beside the duplicate rate: an overlap (one person registered at two facilities)
 * counts while its pair is pending or merged; an overlay corrected (a merge undone) counts once undone;
 * a decided pair has a time to resolution. The shared database holds other tests' pairs and merges:
 * the figures are compared before and after.
 */
@CustodianTest
class MpiMeasuresIT {

    @Autowired DuplicateWorklist worklist;
    @Autowired MasterPatientIndex mpi;
    @Autowired PatientRegistry patients;
    @Autowired StaffAccounts accounts;

    @Test
    void overlapsOverlaysAndTimeToResolutionMoveWithTheirWork() {
        String family = TestPatients.uniqueName("Measure");
        String clinic = "C" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT);
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(person(null, "Eleanor", family)).id();
            ids[1] = patients.register(person(clinic, "Ellie", family)).id();
        });
        MpiKpis before = kpis();

        long pair = mpi.reportPossibleDuplicate(ids[0], ids[1]);
        MpiKpis reported = kpis();
        assertThat(reported.overlaps()).isEqualTo(before.overlaps() + 1);

        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> {
            worklist.decide(pair, DuplicateWorklist.Decision.NEEDS_RESEARCH, "call the clinic");
            DuplicatePair merged = worklist.merge(pair, ids[0], "same person, confirmed with the clinic", null);
            assertThat(kpis().overlaps()).as("merged: still an overlap of two facilities").isEqualTo(before.overlaps() + 1);
            mpi.unmerge(merged.mergeId(), "two people after all: an overlay");
        });
        MpiKpis after = kpis();
        assertThat(after.overlaysCorrected()).isEqualTo(before.overlaysCorrected() + 1);
        // Undone, the pair is "not the same person": no longer an overlap, and decided, so it has a time to resolution.
        assertThat(after.overlaps()).isEqualTo(before.overlaps());
        assertThat(after.medianDaysToResolution()).isNotNull().isGreaterThanOrEqualTo(0.0);
    }

    private MpiKpis kpis() {
        MpiKpis[] k = new MpiKpis[1];
        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> k[0] = worklist.kpis());
        return k[0];
    }

    private static NewPatient person(String facility, String given, String family) {
        return new NewPatient(facility, null, given, null, family, LocalDate.of(1951, 6, 2), AdministrativeSex.F, null,
                new Address("8 Orchard Ln", "Pekin", "IL", "61554"), null, null);
    }
}
