package org.custodian.patient;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import org.custodian.mpi.MasterPatientIndex;

@CustodianTest
class RegistrationCheckIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired MasterPatientIndex mpi;

    private static String body(String given, String family, String dob) {
        return """
                {"givenName":"%s","familyName":"%s","birthDate":"%s","sex":"F","ssn":"288-14-%04d",
                 "address":{"line":"5 Lilac Ct","city":"Decatur","state":"IL","postalCode":"62521"},"phone":"217-555-0177"}"""
                .formatted(given, family, dob, Math.floorMod(family.hashCode(), 10000));
    }

    @Test
    void aLikelyExistingPatientIsReturnedBeforeANewMrnIsCreated() {
        String clerk = accounts.of(Role.CLINICIAN);
        String family = TestPatients.uniqueName("Registr");
        Api.Response first = api.as(clerk, "POST", "/api/patients", body("Margaret", family, "1949-04-12"));
        assertThat(first.status()).isEqualTo(201);
        long existing = first.json().path("id").asLong();
        long before = patients.count();

        // The same person again, as "Peggy": 409 with the candidate, and no MRN created.
        Api.Response again = api.as(clerk, "POST", "/api/patients", body("Peggy", family, "1949-04-12"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        JsonNode candidate = again.json().path("candidates").get(0);
        assertThat(candidate.path("patientId").asLong()).isEqualTo(existing);
        assertThat(candidate.path("mrn").asString()).isEqualTo(first.json().path("mrn").asString());
        // Who, never how each field agreed (issue 22, finding 7): no weights, no per-field evidence.
        assertThat(candidate.has("evidence")).isFalse();
        assertThat(candidate.has("weight")).isFalse();
        assertThat(patients.count()).isEqualTo(before);

        // Confirmed as a new registration: created, and the pair waits on the duplicate worklist.
        Api.Response confirmed = api.as(clerk, "POST", "/api/patients?confirmNew=true", body("Peggy", family, "1949-04-12"));
        assertThat(confirmed.status()).isEqualTo(201);
        long created = confirmed.json().path("id").asLong();
        long pairId = mpi.reportPossibleDuplicate(existing, created);
        Api.Response pair = api.as(accounts.of(Role.DATA_INTEGRITY_ANALYST), "GET", "/api/mpi/pairs/" + pairId, null);
        assertThat(pair.status()).isEqualTo(200);
        assertThat(pair.json().path("pair").path("source").asString()).isEqualTo("REGISTRATION");
        assertThat(pair.json().path("pair").path("status").asString()).isEqualTo("OPEN");

        // Somebody else entirely registers without a question.
        Api.Response other = api.as(clerk, "POST", "/api/patients",
                body("Theodora", TestPatients.uniqueName("Unrelated"), "2001-09-30").replace("5 Lilac Ct", "900 Elm Blvd")
                        .replace("217-555-0177", "312-555-0999").replace("62521", "60601").replace("Decatur", "Chicago"));
        assertThat(other.status()).isEqualTo(201);
    }
}
