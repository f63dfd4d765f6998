package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The search terms of kept resources come from HAPI FHIR's own search parameter definitions:
 * every resource of a Synthea bundle is indexed (no path HAPI cannot walk), with the US Core
 * parameters a client searches by.
 */
class SearchIndexerTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final SearchIndexer indexer = new SearchIndexer(FHIR);

    @Test
    void everyResourceOfASyntheaBundleIsIndexedWithItsUsCoreParameters() throws Exception {
        Path file;
        try (var s = Files.list(SyntheaFiles.ROOT.resolve("bundles-covid-juvenile"))) {
            file = s.filter(p -> p.getFileName().toString().startsWith("Bibi254")).findFirst().orElseThrow();
        }
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file));
        int observations = 0;
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            SearchIndexer.Extracted x = indexer.extract(r);
            if (r instanceof Observation o) {
                observations++;
                String code = o.getCode().getCodingFirstRep().getCode();
                assertThat(x.terms()).contains("code=http://loinc.org|" + code, "code=" + code, "code=http://loinc.org|");
                assertThat(x.terms()).anyMatch(t -> t.startsWith("patient=") || t.startsWith("subject="));
                assertThat(x.terms()).anyMatch(t -> t.startsWith("category="));
                assertThat(x.terms()).contains("status=final");
                assertThat(x.dateStart()).isNotNull();
            }
        }
        assertThat(observations).isGreaterThan(10);
        for (String type : List.of("Observation", "Condition", "MedicationRequest", "Immunization", "AllergyIntolerance",
                "CarePlan", "Procedure", "DiagnosticReport", "Encounter", "Patient")) {
            assertThat(indexer.params(type)).as(type).containsKey(type.equals("Patient") ? "family" : "patient");
        }
        assertThat(indexer.params("Observation")).containsKeys("code", "category", "date", "status", "encounter");
        assertThat(indexer.dateParam("Observation")).isEqualTo("date");
        assertThat(indexer.dateParam("MedicationRequest")).isEqualTo("authoredon");
        assertThat(indexer.params("Patient")).containsKeys("identifier", "name", "birthdate", "gender");
    }

    @Test
    void referencesAreNormalizedToTypeSlashId() {
        assertThat(SearchIndexer.normalize("http://x.org/fhir/Patient/abc/_history/2")).isEqualTo("Patient/abc");
        assertThat(SearchIndexer.normalize("Patient/abc")).isEqualTo("Patient/abc");
        assertThat(SearchIndexer.normalize("abc")).isEqualTo("abc");
    }
}
