package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.custodian.mpi.internal.MpiKpis.DuplicateRate;
import org.custodian.patient.RegistrationSource;
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

    /**
     * AHIMA's duplicate creation rate (confirmed duplicates ÷ registrations in the period) and error rate
     * (possible duplicates on the worklist ÷ records), for this month and by registration source: a pair
     * from each source, merged, adds two registrations and one confirmed duplicate to its source and to
     * this month; a pair still pending adds a possible duplicate.
     */
    @Test
    void duplicateRatesCountMergedRegistrationsByMonthAndBySource() {
        MpiKpis before = kpis();
        assertThat(before.duplicateRatesByMonth()).hasSize(12);
        assertThat(before.duplicateRatesBySource()).extracting(DuplicateRate::label)
                .containsExactly("Registration desk", "ADT feed", "FHIR import", "Other", "Not recorded");
        String family = TestPatients.uniqueName("Rates");
        long[][] pairs = new long[RegistrationSource.values().length - 1][];
        long[] pending = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            for (RegistrationSource source : List.of(RegistrationSource.ADT_FEED, RegistrationSource.FHIR_IMPORT, RegistrationSource.OTHER)) {
                pairs[source.ordinal()] = patients.registerAll(List.of(person(null, "Irene", family + source.ordinal()),
                        person(null, "Rena", family + source.ordinal())), source).stream().mapToLong(Long::longValue).toArray();
            }
            pairs[RegistrationSource.DESK.ordinal()] = new long[] {patients.register(person(null, "Maud", family)).id(),
                    patients.register(person(null, "Maudie", family)).id()};
            pending[0] = patients.register(person(null, "Opal", family + "P")).id();
            pending[1] = patients.register(person(null, "Opaline", family + "P")).id();
        });
        accounts.runAs(Role.DATA_INTEGRITY_ANALYST, () -> {
            for (long[] pair : pairs) {
                worklist.merge(mpi.reportPossibleDuplicate(pair[0], pair[1]), pair[0], "same person, one registration too many", null);
            }
            mpi.reportPossibleDuplicate(pending[0], pending[1]);
        });
        MpiKpis after = kpis();

        DuplicateRate monthBefore = before.duplicateRatesByMonth().get(11);
        DuplicateRate month = after.duplicateRatesByMonth().get(11);
        assertThat(month.label()).isEqualTo(java.time.YearMonth.from(org.custodian.support.HospitalToday.date()).toString());
        assertThat(month.registrations()).isEqualTo(monthBefore.registrations() + 10);
        assertThat(month.confirmedDuplicates()).isEqualTo(monthBefore.confirmedDuplicates() + 4);
        assertThat(month.possibleDuplicates()).isGreaterThanOrEqualTo(monthBefore.possibleDuplicates() + 1);
        assertThat(month.creationRate()).isEqualTo(Math.round((double) month.confirmedDuplicates() / month.registrations() * 1e6) / 1e6);
        assertThat(month.errorRate()).isEqualTo(Math.round((double) month.possibleDuplicates() / month.registrations() * 1e6) / 1e6);

        Function<MpiKpis, List<DuplicateRate>> sources = MpiKpis::duplicateRatesBySource;
        for (RegistrationSource source : List.of(RegistrationSource.DESK, RegistrationSource.ADT_FEED, RegistrationSource.FHIR_IMPORT,
                RegistrationSource.OTHER)) {
            DuplicateRate was = sources.apply(before).get(source.ordinal());
            DuplicateRate now = sources.apply(after).get(source.ordinal());
            long extra = source == RegistrationSource.DESK ? 2 : 0; // the pending pair came to the desk
            assertThat(now.registrations()).as(source.words()).isEqualTo(was.registrations() + 2 + extra);
            assertThat(now.confirmedDuplicates()).as(source.words()).isEqualTo(was.confirmedDuplicates() + 1);
        }
        assertThat(sources.apply(after).get(RegistrationSource.DESK.ordinal()).possibleDuplicates())
                .isGreaterThanOrEqualTo(sources.apply(before).get(RegistrationSource.DESK.ordinal()).possibleDuplicates() + 1);
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
