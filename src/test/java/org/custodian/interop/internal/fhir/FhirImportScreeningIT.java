package org.custodian.interop.internal.fhir;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.mpi.RegistrationScreen;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A FHIR import registers patients without a registrar, like the ADT feed: each patient it newly
 * registers is queued, in the import's transaction, for the MPI's registration check, whose likely
 * matches go to the duplicate worklist. While a test holds the screener's advisory lock the
 * background worker screens nothing, so the queue shows exactly what an import put there.
 */
@CustodianTest
class FhirImportScreeningIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired RegistrationScreen screen;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    /** Created before any transaction of the test: an account it has not committed cannot sign in. */
    String sender;

    @BeforeEach
    void sender() {
        sender = accounts.of(Role.INTERFACE_ENGINE);
    }

    @Test
    void aNewSourceIdForAnAlreadyRegisteredPersonGoesToTheDuplicateWorklist() throws Exception {
        String family = TestPatients.uniqueName("Fhirdup");
        String ssn = "4" + digits(2) + "-" + digits(2) + "-" + digits(4);
        long[] existing = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> existing[0] = patients.register(new NewPatient(null, null, "Ada", "Marie", family,
                LocalDate.of(1970, 5, 6), AdministrativeSex.F, ssn, new Address("1 Main St", "Boston", "MA", "02115"),
                "617-555-0142", List.of())).id());
        String body = patientBundle(UUID.randomUUID().toString(), family, ssn);

        long registered = holdingTheScreener(() -> {
            Api.Response r = post(body);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String location = r.json().path("entry").get(0).path("response").path("location").asString();
            long id = Long.parseLong(location.substring("Patient/".length()));
            assertThat(queued(id)).as("queued by the import's transaction").isEqualTo(1);
            return id;
        });
        assertThat(registered).isNotEqualTo(existing[0]);

        // Screened after the commit (the background worker, or this call, whichever takes it first).
        long survivor = existing[0];
        List<String> pairs = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            screen.screenQueued();
            return pair(survivor, registered);
        }, found -> !found.isEmpty());
        assertThat(pairs).containsExactly("REGISTRATION");
        assertThat(queued(registered)).as("screened once, then off the queue").isZero();

        // A re-import finds the patient by its source id: nothing registered, nothing queued.
        holdingTheScreener(() -> {
            long before = queuedInAll();
            Api.Response again = post(body);
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            for (JsonNode e : again.json().path("entry")) {
                assertThat(e.path("response").path("status").asString()).isEqualTo("200 OK");
            }
            assertThat(queued(registered)).isZero();
            assertThat(queuedInAll()).isEqualTo(before);
            return null;
        });
        assertThat(jdbc.sql("select count(*) from patient where family_name = ?").param(family).query(Long.class).single())
                .isEqualTo(2);
        assertThat(pair(existing[0], registered)).containsExactly("REGISTRATION");
        // Where the registration came from, for AHIMA's duplicate creation rate by source (issue #19).
        assertThat(jdbc.sql("select registration_source from patient where id = ?").param(registered).query(String.class).single())
                .isEqualTo("FHIR_IMPORT");
    }

    /** The patients are registered (and queued) before the bundle fails; the rollback takes the queue rows too. */
    @Test
    void aBundleRejectedAfterItsPatientsWereRegisteredQueuesNothing() {
        String family = TestPatients.uniqueName("Fhirrej");
        String p = UUID.randomUUID().toString();
        String q = UUID.randomUUID().toString();
        String visit = UUID.randomUUID().toString();
        // The condition's subject is P but its encounter is Q's: found only when both are registered.
        String body = """
                {"resourceType":"Bundle","type":"transaction","entry":[%s,%s,%s,
                 {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Condition","id":"%4$s",
                  "code":{"coding":[{"system":"http://snomed.info/sct","code":"38341003","display":"Hypertension"}]},
                  "subject":{"reference":"urn:uuid:%s"},"encounter":{"reference":"urn:uuid:%s"},"recordedDate":"2024-03-01"}}]}"""
                .formatted(patientEntry(p, family, null), patientEntry(q, family, null),
                        FhirApiIT.encounter(visit, "urn:uuid:" + q, "2024-03-01T08:00:00Z", "2024-03-02T08:00:00Z"),
                        UUID.randomUUID(), p, visit);
        holdingTheScreener(() -> {
            long before = queuedInAll();
            Api.Response r = post(body);
            assertThat(r.status()).as(r.body()).isBetween(400, 422);
            assertThat(r.json().path("issue").get(0).path("diagnostics").asString())
                    .contains("entry 3 (Condition)", "another patient");
            assertThat(queuedInAll()).isEqualTo(before);
            return null;
        });
        assertThat(jdbc.sql("select count(*) from patient where family_name = ?").param(family).query(Long.class).single())
                .isZero();
    }

    /**
     * Runs the work in a transaction holding the screener's advisory lock (the worker then screens
     * nothing); the import itself runs on a server thread with its own connection and commits.
     */
    private <T> T holdingTheScreener(Supplier<T> work) {
        return tx.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('mpi-screening'))").query(Object.class).single();
            return work.get();
        });
    }

    private Api.Response post(String body) {
        return api.as(sender, "POST", "/fhir/r4", body);
    }

    private long queued(long patientId) {
        return jdbc.sql("select count(*) from mpi_screening_queue where patient_id = ?").param(patientId).query(Long.class).single();
    }

    private long queuedInAll() {
        return jdbc.sql("select count(*) from mpi_screening_queue").query(Long.class).single();
    }

    private List<String> pair(long a, long b) {
        return jdbc.sql("""
                        select source from mpi_pair
                        where least(patient_a, patient_b) = least(?, ?) and greatest(patient_a, patient_b) = greatest(?, ?)""")
                .params(a, b, a, b).query(String.class).list();
    }

    private static String patientBundle(String id, String family, String ssn) {
        return """
                {"resourceType":"Bundle","type":"transaction","entry":[%s]}""".formatted(patientEntry(id, family, ssn));
    }

    /** The same person as registered at the desk, as another system sends it (its own source id). */
    private static String patientEntry(String id, String family, String ssn) {
        return """
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s",
                 "identifier":[{"system":"urn:test:src","value":"%1$s"}%3$s],
                 "name":[{"use":"official","family":"%2$s","given":["Ada","Marie"]}],"gender":"female","birthDate":"1970-05-06",
                 "telecom":[{"system":"phone","value":"617-555-0142"}],
                 "address":[{"line":["1 Main St"],"city":"Boston","state":"Massachusetts","postalCode":"02115"}]},
                 "request":{"method":"POST","url":"Patient"}}""".formatted(id, family,
                ssn == null ? "" : ",{\"system\":\"http://hl7.org/fhir/sid/us-ssn\",\"value\":\"" + ssn + "\"}");
    }

    private static String digits(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(ThreadLocalRandom.current().nextInt(1, 10));
        }
        return sb.toString();
    }
}
