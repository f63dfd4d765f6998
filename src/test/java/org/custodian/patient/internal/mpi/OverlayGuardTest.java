package org.custodian.patient.internal.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.patient.internal.mpi.OverlayGuard.Risk;
import org.junit.jupiter.api.Test;

class OverlayGuardTest {

    private static MpiRecord person(String sex, String dob, String ssn) {
        return new MpiRecord("x", "maria", "lopez", dob, sex, ssn, "12", "main street", null, "austin", "78701",
                "tx", null);
    }

    @Test
    void theThreeDangerousCasesAreRefused() {
        assertThat(OverlayGuard.risks(person("f", "19800307", "123456789"), person("m", "19800307", "123456789")))
                .containsExactly(Risk.SEX_DIFFERS);
        assertThat(OverlayGuard.risks(person("f", "19800307", "123456789"), person("f", "19820611", "123456789")))
                .containsExactly(Risk.BIRTH_DATE_DIFFERS);
        assertThat(OverlayGuard.risks(person("f", "19800307", "123456789"), person("f", "19800307", "987654321")))
                .containsExactly(Risk.SSN_DIFFERS);
    }

    @Test
    void typosAndMissingValuesDoNotBlock() {
        MpiRecord a = person("f", "19800307", "123456789");
        assertThat(OverlayGuard.allowsAutomaticMerge(a, person("f", "19800703", "123456789"))).as("day/month swap").isTrue();
        assertThat(OverlayGuard.allowsAutomaticMerge(a, person("f", "19800308", null))).as("one-digit typo, no SSN").isTrue();
        assertThat(OverlayGuard.allowsAutomaticMerge(a, person(null, null, "123456789"))).as("sex and DOB missing").isTrue();
    }
}
