package org.custodian.staff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The NPI check digit (45 CFR 162.406; CMS's worked example 123456789 → 3). */
class NpiTest {

    @Test
    void cmsWorkedExampleHasCheckDigitThree() {
        assertThat(Npi.checkDigit("123456789")).isEqualTo(3);
        assertThat(Npi.valid("1234567893")).isTrue();
    }

    @Test
    void aWrongCheckDigitOrShapeIsRefused() {
        assertThat(Npi.valid("1234567890")).isFalse();
        assertThat(Npi.valid("1234567894")).isFalse();
        assertThat(Npi.valid("3234567893")).isFalse(); // starts with 1 or 2
        assertThat(Npi.valid("123456789")).isFalse();
        assertThat(Npi.valid(null)).isFalse();
    }

    @Test
    void everyCheckDigitItComputesValidates() {
        for (String nine : new String[] {"100000000", "200000001", "198765432", "155555555"}) {
            assertThat(Npi.valid(nine + Npi.checkDigit(nine))).as(nine).isTrue();
        }
    }
}
