package org.custodian.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CustodianTest
class PatientSearchIT {

    @Autowired PatientRegistry patients;
    @Autowired StaffAccounts accounts;
    @Autowired Api api;

    /** A family name no other test uses, so results are ours alone. */
    private String family;
    private Patient jose;
    private Patient maria;
    private String licence;

    @BeforeEach
    void register() {
        licence = "D" + UUID.randomUUID().toString().substring(0, 8);
        family = "Núñez" + letters(8);
        accounts.runAs(Role.CLINICIAN, () -> {
            jose = patients.register(new NewPatient(null, null, "José", "Luis", family, LocalDate.of(1961, 7, 14),
                    AdministrativeSex.M, "123-45-6789", new Address("1 Elm St", "Springfield", "IL", "62701"),
                    "217-555-0100", List.of(new PatientIdentifier("urn:oid:2.16.840.1.113883.4.3.17", licence, "DL"))));
            maria = patients.register(new NewPatient(null, null, "María", null, family, LocalDate.of(1990, 3, 2),
                    AdministrativeSex.F, null, null, null, null));
        });
    }

    /** Random lower-case letters: names hold no digits, and each test needs a family of its own. */
    private static String letters(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, n).toCharArray()) {
            sb.append((char) ('a' + Character.digit(c, 16)));
        }
        return sb.toString();
    }

    private List<Long> ids(PatientPage page) {
        return page.items().stream().map(PatientSummary::id).toList();
    }

    @Test
    void partialCaseAndAccentInsensitiveNameSearch() {
        String folded = family.toLowerCase().replace("ú", "u").replace("ñ", "n");
        accounts.runAs(Role.CODER, () -> {
            assertThat(ids(patients.search(new PatientSearch(folded, null, null), 0, 20))).containsExactlyInAnyOrder(jose.id(), maria.id());
            assertThat(ids(patients.search(new PatientSearch(folded.substring(2).toUpperCase(), null, null), 0, 20)))
                    .containsExactlyInAnyOrder(jose.id(), maria.id());
            assertThat(ids(patients.search(new PatientSearch("jose " + folded, null, null), 0, 20))).containsExactly(jose.id());
            assertThat(ids(patients.search(new PatientSearch(family + ", MARIA", null, null), 0, 20))).containsExactly(maria.id());
            assertThat(ids(patients.search(new PatientSearch("luis " + folded, null, null), 0, 20))).containsExactly(jose.id());
        });
    }

    @Test
    void searchByMrnAndByBirthDate() {
        accounts.runAs(Role.CODER, () -> {
            assertThat(ids(patients.search(new PatientSearch(null, jose.mrn(), null), 0, 20))).containsExactly(jose.id());
            assertThat(ids(patients.search(new PatientSearch(family, null, LocalDate.of(1990, 3, 2)), 0, 20))).containsExactly(maria.id());
            assertThat(patients.search(new PatientSearch(null, "NO-SUCH-MRN", null), 0, 20).total()).isZero();
        });
    }

    @Test
    void anIdentifierBelongsToOnePatient() {
        accounts.runAs(Role.CLINICIAN, () -> assertThatThrownBy(() -> patients.register(new NewPatient(null, null, "Someone",
                null, "Else", LocalDate.of(1970, 1, 1), AdministrativeSex.U, null, null, null,
                List.of(new PatientIdentifier("urn:oid:2.16.840.1.113883.4.3.17", licence, "DL")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("identifiers"));
    }

    @Test
    void likeWildcardsInAQueryMatchOnlyThemselves() {
        accounts.runAs(Role.CODER, () ->
                assertThat(patients.search(new PatientSearch(family + "%", null, null), 0, 20).total()).isZero());
    }

    @Test
    void pagingReportsTheTotal() {
        accounts.runAs(Role.CODER, () -> {
            PatientPage first = patients.search(new PatientSearch(family, null, null), 0, 1);
            PatientPage second = patients.search(new PatientSearch(family, null, null), 1, 1);
            assertThat(first.total()).isEqualTo(2);
            assertThat(first.items()).hasSize(1);
            assertThat(second.items()).hasSize(1);
            assertThat(first.items().get(0).id()).isNotEqualTo(second.items().get(0).id());
        });
    }

    @Test
    void mrnIsAssignedAndUniquePerFacility() {
        assertThat(jose.mrn()).matches("[0-9]{8}");
        assertThat(jose.mrn()).isNotEqualTo(maria.mrn());
        accounts.runAs(Role.CLINICIAN, () -> {
            NewPatient clash = new NewPatient(null, jose.mrn(), "Other", null, "Person", LocalDate.of(1950, 1, 1),
                    AdministrativeSex.U, null, null, null, null);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> patients.register(clash))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(jose.mrn());
            NewPatient otherFacility = new NewPatient("EAST", jose.mrn(), "Other", null, "Person", LocalDate.of(1950, 1, 1),
                    AdministrativeSex.U, null, null, null, null);
            assertThat(patients.register(otherFacility).facility()).isEqualTo("EAST");
        });
    }

    @Test
    void ssnIsStoredButShownMaskedEverywhere() {
        assertThat(jose.ssnMasked()).isEqualTo("***-**-6789");
        Api.Response chart = api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/api/patients/" + jose.id(), null);
        assertThat(chart.status()).isEqualTo(200);
        assertThat(chart.body()).contains("***-**-6789").doesNotContain("123456789").doesNotContain("123-45-6789");
        assertThat(chart.json().path("patient").path("identifiers").get(0).path("value").asString()).isEqualTo(licence);
    }

    @Test
    void apiSearchFindsByPartialNameWithoutAccents() {
        String folded = family.toLowerCase().replace("ú", "u").replace("ñ", "n");
        Api.Response r = api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/api/patients?q=" + folded.substring(0, 5) + "&dob=1961-07-14", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains(jose.mrn());
    }
}
