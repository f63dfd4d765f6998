package org.custodian.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;

@CustodianTest
class LikelyMatchesIT {

    @Autowired PatientRegistry patients;
    @Autowired MasterPatientIndex mpi;
    @Autowired StaffAccounts accounts;

    @Test
    void aMisspelledReRegistrationFindsTheExistingPatientWithEachFieldsContribution() {
        String family = TestPatients.uniqueName("Likely");
        List<Patient> registered = new ArrayList<>();
        accounts.runAs(Role.CLINICIAN, () -> {
            registered.add(patients.register(new NewPatient(null, null, "Katherine", null, family, LocalDate.of(1984, 11, 23),
                    AdministrativeSex.F, "321-54-9876", new Address("48 Birch Ave", "Peoria", "IL", "61602"), "309-555-0147", null)));
            // Someone else entirely, who must not come back.
            patients.register(new NewPatient(null, null, "Omar", null, TestPatients.uniqueName("Other"), LocalDate.of(1950, 2, 2),
                    AdministrativeSex.M, null, new Address("9 Oak St", "Joliet", "IL", "60431"), null, null));
        });
        Patient katherine = registered.get(0);
        // Nickname, transposed surname letters, day and month swapped, no SSN.
        String typo = family.substring(0, 6) + family.charAt(7) + family.charAt(6) + family.substring(8);
        NewPatient again = new NewPatient(null, null, "Kate", null, typo, LocalDate.of(1984, 11, 23),
                AdministrativeSex.F, null, new Address("48 Birch Avenue", "Peoria", "IL", "61602"), "309-555-0147", null);
        List<PatientMatch> matches = new ArrayList<>();
        accounts.runAs(Role.CLINICIAN, () -> matches.addAll(mpi.likelyMatches(again)));
        assertThat(matches).isNotEmpty();
        PatientMatch best = matches.get(0);
        assertThat(best.patientId()).isEqualTo(katherine.id());
        assertThat(best.mrn()).isEqualTo(katherine.mrn());
        assertThat(best.decision()).isIn("LINK", "REVIEW");
        assertThat(best.evidence()).extracting(MatchEvidence::field).contains("GIVEN_NAME", "FAMILY_NAME", "BIRTH_DATE");
        assertThat(best.evidence().stream().mapToDouble(MatchEvidence::bits).sum()).isCloseTo(best.weight(), org.assertj.core.data.Offset.offset(0.1));
        assertThat(best.overlayRisks()).isEmpty();
    }
}
