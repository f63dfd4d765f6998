package org.custodian.interop.internal.fhir;

import java.time.Duration;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bulk export, async pattern: 202 + Content-Location, status 202 then a manifest, NDJSON files. */
@CustodianTest
class FhirExportIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired SensitivityTags tags;
    @Autowired FhirContext fhir;
    @Autowired JdbcClient jdbc;
    @Value("${custodian.fhir.export.part-size}") int partSize;

    @Test
    void patientExportRunsAsynchronouslyAndServesNdjson() throws Exception {
        String p = UUID.randomUUID().toString();
        String family = "Export" + p.substring(0, 8).replaceAll("[0-9-]", "z");
        String admit = "2024-02-01T10:00:00Z";
        Api.Response posted = api.as(accounts.of(Role.INTERFACE_ENGINE), "POST", "/fhir/r4", FhirApiIT.bundle("transaction", p, family,
                FhirApiIT.encounter(UUID.randomUUID().toString(), "urn:uuid:" + p, admit, "2024-02-03T10:00:00Z")));
        assertThat(posted.status()).isEqualTo(200);

        String director = accounts.of(Role.HIM_DIRECTOR);
        Api.Response kick = api.as(director, "GET", "/fhir/r4/Patient/$export?_type=Patient,Encounter", null);
        assertThat(kick.status()).isEqualTo(202);
        JsonNode manifest = manifest(director, kick);
        assertThat(manifest.path("output").size()).isEqualTo(2);
        String patientsUrl = null;
        for (JsonNode o : manifest.path("output")) {
            if (o.path("type").asString().equals("Patient")) {
                patientsUrl = o.path("url").asString();
            }
        }
        Api.Response file = api.as(director, "GET", patientsUrl.substring(patientsUrl.indexOf("/fhir/r4")), null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+ndjson");
        JsonMapper json = JsonMapper.builder().build();
        boolean found = false;
        for (String line : file.body().split("\n")) {
            JsonNode r = json.readTree(line);
            assertThat(r.path("resourceType").asString()).isEqualTo("Patient");
            found |= r.path("name").get(0).path("family").asString().equals(family);
        }
        assertThat(found).as("the imported patient is in the export").isTrue();

        assertThat(api.as(director, "GET", "/fhir/r4/Patient/$export?_since=2020-01-01", null).status()).isEqualTo(400);
        assertThat(api.as(director, "GET", "/fhir/r4/Patient/$export?_type=NoSuchType", null).status()).isEqualTo(400);
        assertThat(api.as(accounts.of(Role.CODER), "GET", "/fhir/r4/Patient/$export", null).status()).isEqualTo(403);
    }

    /** 42 CFR 2.31 and 45 CFR 164.508(a)(2): a bulk export carries no consent, so sensitive records stay out. */
    @Test
    void sensitiveRecordsAreWithheldAndListedInTheManifestsErrors() throws Exception {
        long[] ids = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            Patient patient = patients.register(TestPatients.newPatient("Rita", TestPatients.uniqueName("Bulk"), LocalDate.of(1961, 5, 2)));
            ids[0] = patient.id();
            Instant admit = Instant.parse("2025-03-01T10:00:00Z");
            long medicine = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT, admit,
                    admit.plus(3, ChronoUnit.DAYS), "Dr. Ames", "Medicine", null)).id();
            long detox = charts.record(new NewEncounter(patient.id(), null, EncounterClass.INPATIENT, admit.plus(4, ChronoUnit.DAYS),
                    admit.plus(6, ChronoUnit.DAYS), "Dr. Bell", "Addiction medicine", null)).id();
            file(patient.id(), medicine, "Discharge summary", admit.plus(3, ChronoUnit.DAYS));
            file(patient.id(), detox, "Withdrawal management note", admit.plus(5, ChronoUnit.DAYS));
            long therapy = file(patient.id(), medicine, "Psychotherapy session", admit.plus(2, ChronoUnit.DAYS));
            tags.tagEncounter(detox, Sensitivity.SUBSTANCE_USE_DISORDER);
            tags.tagDocument(therapy, Sensitivity.PSYCHOTHERAPY_NOTES);
        });
        String subject = "Patient/" + ids[0];

        String director = accounts.of(Role.HIM_DIRECTOR);
        JsonNode manifest = manifest(director, api.as(director, "GET", "/fhir/r4/Patient/$export?_type=Encounter,DocumentReference", null));
        Map<String, List<JsonNode>> mine = new HashMap<>();
        for (JsonNode o : manifest.path("output")) {
            for (JsonNode r : ndjson(director, o.path("url").asString())) {
                String ref = r.path("subject").path("reference").asString();
                if (ref.equals(subject)) {
                    mine.computeIfAbsent(r.path("resourceType").asString(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        assertThat(mine.get("Encounter")).as("only the medicine stay").hasSize(1);
        assertThat(mine.get("DocumentReference")).as("only the discharge summary").hasSize(1);
        assertThat(mine.get("DocumentReference").get(0).path("type").path("coding").get(0).path("display").asString())
                .isEqualTo("Discharge summary");

        assertThat(manifest.path("error").size()).isEqualTo(1);
        StringBuilder said = new StringBuilder();
        for (JsonNode outcome : ndjson(director, manifest.path("error").get(0).path("url").asString())) {
            assertThat(outcome.path("resourceType").asString()).isEqualTo("OperationOutcome");
            said.append(outcome.path("issue").get(0).path("diagnostics").asString()).append('\n');
        }
        assertThat(said.toString()).contains("Encounter withheld: Substance use disorder", "(42 CFR 2.31)",
                "DocumentReference withheld: Psychotherapy notes (45 CFR 164.508(a)(2))");
    }

    /**
     * Issue 15: every kept type goes out in the bulk export (here types Synthea does not send, so the
     * files stay small in a database full of other tests' Synthea imports): the patient's own
     * resources, and the resources of no patient; a Part 2 medication (buprenorphine, tagged by
     * the sensitivity rules) is withheld and listed in the manifest's errors (42 CFR 2.31).
     */
    @Test
    void everyKeptTypeIsExportedAndTaggedOnesWithheld() throws Exception {
        String p = UUID.randomUUID().toString();
        String family = TestPatients.uniqueName("Kept");
        String metformin = UUID.randomUUID().toString();
        String bupe = UUID.randomUUID().toString();
        String history = UUID.randomUUID().toString();
        String substance = UUID.randomUUID().toString();
        String statement = """
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"MedicationStatement","id":"%1$s","status":"active",
                  "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"%2$s"}]},
                  "subject":{"reference":"urn:uuid:%3$s"},"effectiveDateTime":"2024-05-01"}}""";
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                 {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Patient","id":"%1$s","name":[{"family":"%2$s","given":["Kim"]}],
                   "gender":"female","birthDate":"1975-01-02","identifier":[{"system":"urn:test:export","value":"%1$s"}]}},
                 %3$s, %4$s,
                 {"fullUrl":"urn:uuid:%5$s","resource":{"resourceType":"FamilyMemberHistory","id":"%5$s","status":"completed",
                   "patient":{"reference":"urn:uuid:%1$s"},"relationship":{"coding":[{"code":"MTH"}]}}},
                 {"fullUrl":"urn:uuid:%6$s","resource":{"resourceType":"Substance","id":"%6$s","code":{"text":"Latex %2$s"}}}
                ]}""".formatted(p, family, statement.formatted(metformin, "860975", p), statement.formatted(bupe, "1819", p),
                history, substance);
        Api.Response posted = api.as(accounts.of(Role.INTERFACE_ENGINE), "POST", "/fhir/r4", bundle);
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);

        String director = accounts.of(Role.HIM_DIRECTOR);
        JsonNode manifest = manifest(director, api.as(director, "GET",
                "/fhir/r4/Patient/$export?_type=MedicationStatement,FamilyMemberHistory,Substance", null));
        Map<String, List<String>> ids = new HashMap<>();
        for (JsonNode o : manifest.path("output")) {
            for (JsonNode r : ndjson(director, o.path("url").asString())) {
                assertThat(r.path("resourceType").asString()).isEqualTo(o.path("type").asString());
                ids.computeIfAbsent(o.path("type").asString(), k -> new ArrayList<>()).add(r.path("id").asString());
            }
        }
        assertThat(ids.get("MedicationStatement")).contains(metformin).doesNotContain(bupe);
        assertThat(ids.get("FamilyMemberHistory")).contains(history);
        assertThat(ids.get("Substance")).as("a resource of no patient").contains(substance);
        StringBuilder said = new StringBuilder();
        for (JsonNode outcome : ndjson(director, manifest.path("error").get(0).path("url").asString())) {
            said.append(outcome.path("issue").get(0).path("diagnostics").asString()).append('\n');
        }
        assertThat(said.toString()).contains("MedicationStatement withheld: Substance use disorder", "(42 CFR 2.31)");
    }

    /**
     * A file larger than a part: stored in parts of whole lines, downloaded as one NDJSON whose
     * lines are the manifest's count, each a resource HAPI parses (no line split where parts meet).
     */
    @Test
    void aFileOfManyPartsDownloadsAsOneNdjsonLineByLine() throws Exception {
        assertThat(partSize).as("the test configuration's part size").isLessThan(50);
        String p = UUID.randomUUID().toString();
        String family = TestPatients.uniqueName("Parts");
        int visits = 2 * partSize + 3;
        StringBuilder encounters = new StringBuilder();
        for (int v = 0; v < visits; v++) {
            encounters.append(v == 0 ? "" : ",").append(FhirApiIT.encounter(UUID.randomUUID().toString(), "urn:uuid:" + p,
                    Instant.parse("2023-01-01T08:00:00Z").plus(v, ChronoUnit.DAYS).toString(),
                    Instant.parse("2023-01-01T12:00:00Z").plus(v, ChronoUnit.DAYS).toString()));
        }
        Api.Response posted = api.as(accounts.of(Role.INTERFACE_ENGINE), "POST", "/fhir/r4",
                FhirApiIT.bundle("transaction", p, family, encounters.toString()));
        assertThat(posted.status()).as(posted.body()).isEqualTo(200);
        String subject = posted.json().path("entry").get(0).path("response").path("location").asString();

        String director = accounts.of(Role.HIM_DIRECTOR);
        Api.Response kick = api.as(director, "GET", "/fhir/r4/Patient/$export?_type=Patient,Encounter", null);
        String location = kick.headers().firstValue("Content-Location").orElseThrow();
        UUID job = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        JsonNode manifest = manifest(director, kick);
        IParser parser = fhir.newJsonParser();
        Map<String, Integer> mine = new HashMap<>();
        for (JsonNode o : manifest.path("output")) {
            String type = o.path("type").asString();
            String url = o.path("url").asString();
            Api.Response file = api.as(director, "GET", url.substring(url.indexOf("/fhir/r4")), null);
            assertThat(file.status()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+ndjson");
            String body = file.body();
            assertThat(body).endsWith("\n");
            String[] lines = body.split("\n", -1);
            assertThat(lines.length - 1).as(type + " lines = the manifest's count").isEqualTo(o.path("count").asInt());
            for (int l = 0; l < lines.length - 1; l++) {
                Resource r = (Resource) parser.parseResource(lines[l]);
                assertThat(r.fhirType()).as("line " + l + " of " + type).isEqualTo(type);
                boolean ours = r instanceof org.hl7.fhir.r4.model.Encounter e ? e.getSubject().getReference().equals(subject)
                        : r instanceof org.hl7.fhir.r4.model.Patient pt && family.equals(pt.getNameFirstRep().getFamily());
                if (ours) {
                    mine.merge(type, 1, Integer::sum);
                }
            }
            // Stored in parts of at most the part size, each of whole lines, adding up to the file.
            List<String> parts = jdbc.sql("select body from fhir_export_part where job_id = ? and resource_type = ? order by part")
                    .params(job, type).query(String.class).list();
            List<Integer> sizes = jdbc.sql("select resources from fhir_export_part where job_id = ? and resource_type = ? order by part")
                    .params(job, type).query(Integer.class).list();
            assertThat(String.join("", parts)).isEqualTo(body);
            for (int k = 0; k < parts.size(); k++) {
                assertThat(parts.get(k)).endsWith("\n");
                assertThat(parts.get(k).split("\n").length).isEqualTo(sizes.get(k)).isLessThanOrEqualTo(partSize);
            }
            if (type.equals("Encounter")) {
                assertThat(parts.size()).as("more resources than one part holds").isGreaterThan(2);
            }
        }
        assertThat(mine).containsEntry("Patient", 1).containsEntry("Encounter", visits);
    }

    private long file(long patientId, long encounterId, String title, Instant at) {
        return charts.file(new NewDocument(patientId, encounterId, DocumentType.PROGRESS_NOTE, title, "Dr. Ames",
                "Text of " + title, DocumentStatus.SIGNED, at, "Dr. Ames", at.plus(1, ChronoUnit.HOURS))).id();
    }

    private JsonNode manifest(String user, Api.Response kick) {
        assertThat(kick.status()).isEqualTo(202);
        String location = kick.headers().firstValue("Content-Location").orElseThrow();
        String status = location.substring(location.indexOf("/fhir/r4"));
        Api.Response s = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.as(user, "GET", status, null), r -> r.status() != 202);
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        return s.json();
    }

    private List<JsonNode> ndjson(String user, String url) {
        Api.Response file = api.as(user, "GET", url.substring(url.indexOf("/fhir/r4")), null);
        assertThat(file.status()).isEqualTo(200);
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> resources = new ArrayList<>();
        for (String line : file.body().split("\n")) {
            if (!line.isBlank()) {
                resources.add(json.readTree(line));
            }
        }
        return resources;
    }
}
