package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.util.FhirTerser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #15, must show: a Synthea population imported, then each patient's
 * {@code Patient/{id}/$everything} (read with HAPI FHIR's own client, following its next links)
 * returns every resource of that patient's input file, with the same ids and the same content
 * apart from {@code meta} (references to entries of the bundle, {@code urn:uuid:} there, read
 * {@code Type/id} here, as a FHIR server's transaction rewrites them). The designated record set
 * (45 CFR 164.501) is kept whole.
 */
@CustodianTest
class WholeRecordRoundTripIT {

    @Autowired FhirImports imports;
    @Autowired StaffAccounts accounts;
    @Autowired Api api;

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void everyResourceOfEveryPatientComesBackFromEverythingWithItsIdAndContent() throws Exception {
        List<Path> files = FhirImports.expand(List.of(SyntheaFiles.ROOT.resolve("bundles-covid-juvenile")));
        for (Path file : files) {
            FhirImports.Outcome[] out = new FhirImports.Outcome[1];
            accounts.runAs(Role.INTERFACE_ENGINE, () -> out[0] = imports.importFile(file));
            assertThat(out[0].rejection()).as(file.toString()).isNull();
        }
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient(api.baseUrl() + "/fhir/r4");
        client.registerInterceptor(new BasicAuthInterceptor(accounts.of(Role.HIM_DIRECTOR), StaffAccounts.PASSWORD));
        int patients = 0;
        int checked = 0;
        for (Path file : files) {
            Bundle input = FHIR.newJsonParser().parseResource(Bundle.class, Files.readString(file));
            Map<String, Resource> expected = expected(input);
            String patientId = expected.keySet().stream().filter(k -> k.startsWith("Patient/")).findFirst().map(k -> k.substring(8)).orElse(null);
            if (patientId == null) {
                continue; // the hospital's and practitioners' files
            }
            patients++;
            Map<String, Resource> actual = new TreeMap<>();
            Bundle page = client.operation().onInstance("Patient/" + patientId).named("$everything")
                    .withParameter(Parameters.class, "_count", new IntegerType(40)).useHttpGet().returnResourceType(Bundle.class).execute();
            int pages = 1;
            while (true) {
                for (Bundle.BundleEntryComponent e : page.getEntry()) {
                    Resource r = e.getResource();
                    actual.put(r.fhirType() + "/" + r.getIdElement().getIdPart(), r);
                }
                if (page.getLink("next") == null) {
                    break;
                }
                page = client.loadPage().next(page).execute();
                pages++;
            }
            assertThat(page.getTotal()).isEqualTo(actual.size());
            if (expected.size() > 40) {
                assertThat(pages).isGreaterThan(1);
            }
            assertThat(actual.keySet()).as(file.getFileName().toString()).containsAll(expected.keySet());
            for (Map.Entry<String, Resource> e : expected.entrySet()) {
                assertThat(encode(actual.get(e.getKey()))).as(e.getKey()).isEqualTo(encode(e.getValue()));
                checked++;
            }
        }
        assertThat(patients).isEqualTo(10);
        assertThat(checked).isGreaterThan(900);
    }

    /** The file's resources by Type/id, with references to its own entries as Type/id. */
    private static Map<String, Resource> expected(Bundle input) {
        Map<String, String> byFullUrl = new HashMap<>();
        Map<String, Resource> out = new TreeMap<>();
        for (Bundle.BundleEntryComponent e : input.getEntry()) {
            Resource r = e.getResource();
            String id = e.getFullUrl().startsWith("urn:uuid:") ? e.getFullUrl().substring(9) : r.getIdElement().getIdPart();
            byFullUrl.put(e.getFullUrl(), r.fhirType() + "/" + id);
            r.setId(id);
            out.put(r.fhirType() + "/" + id, r);
        }
        FhirTerser terser = FHIR.newTerser();
        for (Resource r : out.values()) {
            for (Reference ref : terser.getAllPopulatedChildElementsOfType(r, Reference.class)) {
                String target = byFullUrl.get(ref.getReference());
                if (target != null) {
                    ref.setReference(target);
                }
            }
        }
        return out;
    }

    /** The resource without meta, with its bare id, as HAPI writes it. */
    private static String encode(Resource r) {
        if (r == null) {
            return null;
        }
        Resource copy = r.copy();
        copy.setMeta(null);
        copy.setId(r.getIdElement().getIdPart());
        return FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(copy);
    }
}
