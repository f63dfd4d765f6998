package org.custodian.patient;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 22, finding 7: the registration check as an oracle. Its 409 gave likely matches (MRN, name,
 * DOB, per-field scores) to a role without chart:read, and let a clinician confirm a guessed full
 * SSN from the per-field result. Minimum necessary, 45 CFR 164.502(b) and 164.514(d).
 */
@CustodianTest
class RegistrationOracleIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;

    private static String body(String given, String family, String ssn) {
        return """
                {"givenName":"%s","familyName":"%s","birthDate":"1961-07-04","sex":"M","ssn":"%s",
                 "address":{"line":"12 Birch Rd","city":"Peoria","state":"IL","postalCode":"61602"}}"""
                .formatted(given, family, ssn);
    }

    @Test
    void aRoleThatMayNotReadChartsLearnsOnlyThatAMatchMayExist() {
        String family = TestPatients.uniqueName("Oracle");
        assertThat(api.as(accounts.of(Role.CLINICIAN), "POST", "/api/patients?confirmNew=true", body("Walter", family, "301-22-4455")).status())
                .isEqualTo(201);
        // The interface engine registers (chart:write) but reads nothing back (no chart:read).
        Api.Response r = api.as(accounts.of(Role.INTERFACE_ENGINE), "POST", "/api/patients", body("Walt", family, "301-22-4455"));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().has("candidates")).isFalse();
        assertThat(r.body()).doesNotContain(family, "1961-07-04", "Walter").doesNotContainIgnoringCase("mrn\"");
        assertThat(r.json().path("detail").asString()).contains("may be this person");
    }

    @Test
    void aClinicianCannotConfirmAGuessedSsnFromTheAnswer() {
        String family = TestPatients.uniqueName("Oracle");
        String clinician = accounts.of(Role.CLINICIAN);
        assertThat(api.as(clinician, "POST", "/api/patients?confirmNew=true", body("Edith", family, "402-33-5566")).status()).isEqualTo(201);
        Api.Response right = api.as(clinician, "POST", "/api/patients", body("Edie", family, "402-33-5566"));
        Api.Response wrong = api.as(clinician, "POST", "/api/patients", body("Edie", family, "402-33-5567"));
        assertThat(right.status()).isEqualTo(409);
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(right.body()).doesNotContainIgnoringCase("ssn").doesNotContain("\"weight\"", "evidence", "agreement");
        // A right and a wrong guess read the same.
        assertThat(right.body()).isEqualTo(wrong.body());
        assertThat(right.json().path("candidates").findValuesAsString("familyName")).contains(family);
    }
}
