package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PractitionerTest {

    private static Practitioner named(String name, String credentials) {
        return new Practitioner(1, null, name, credentials, null, null, MedicalStaffStatus.ACTIVE, null);
    }

    @Test
    void theDegreeFollowsTheNameOnce() {
        assertThat(named("Jane Smith", "MD").display()).isEqualTo("Jane Smith, MD");
        // A name taken from a chart's author line already carries it ("Terence Stanton, MD, MD" was shown).
        assertThat(named("Terence Stanton, MD", "MD").display()).isEqualTo("Terence Stanton, MD");
        assertThat(named("Jane Smith", null).display()).isEqualTo("Jane Smith");
        assertThat(named("Jane Smith", " ").display()).isEqualTo("Jane Smith");
    }
}
