package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.interop.FhirBundleImport;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue #15, must show: HAPI FHIR's own generic client ({@link IGenericClient}) against
 * Custodian's FHIR API for every search parameter type (token with system|code, date with
 * prefixes, reference, string), {@code _id}, {@code _lastUpdated}, {@code _sort}, {@code total}
 * and {@code _summary=count}, paging, {@code _include}/{@code _revinclude}, {@code _elements},
 * {@code $everything}, AuditEvent, and errors as OperationOutcomes. The data is a Bundle built in
 * code and handed to {@link FhirBundleImport#importBundle} (as the HL7 v2 results feed will).
 */
@CustodianTest
class FhirGenericClientIT {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String LOINC = "http://loinc.org";

    @Autowired FhirBundleImport imports;
    @Autowired StaffAccounts accounts;
    @Autowired Api api;

    IGenericClient client;
    String patient;
    String encounter;
    String practitioner;
    String family;
    List<String> observations = new ArrayList<>();

    @BeforeEach
    void importOnePatientsRecord() {
        patient = UUID.randomUUID().toString();
        encounter = UUID.randomUUID().toString();
        practitioner = UUID.randomUUID().toString();
        family = "Generic" + patient.substring(0, 6).replaceAll("[0-9-]", "q");
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Patient p = new Patient();
        p.setId(patient);
        p.addName().setFamily(family).addGiven("Ada");
        p.setGender(Enumerations.AdministrativeGender.FEMALE).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1970-05-06"));
        p.addIdentifier().setSystem("urn:test:generic").setValue(patient);
        add(b, p);
        Practitioner doc = new Practitioner();
        doc.setId(practitioner);
        doc.addName().setFamily("Quincy" + family).addGiven("Pat");
        doc.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(String.valueOf(1_000_000_000L + (long) (Math.random() * 1e8)));
        add(b, doc);
        Encounter e = new Encounter();
        e.setId(encounter);
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        e.setSubject(new Reference("urn:uuid:" + patient));
        e.getPeriod().setStartElement(new DateTimeType("2024-03-01T08:00:00Z")).setEndElement(new DateTimeType("2024-03-01T09:00:00Z"));
        add(b, e);
        String[][] obs = {{"8867-4", "Heart rate", "2023-05-01T10:00:00Z", "vital-signs", "72"},
                          {"8867-4", "Heart rate", "2024-03-01T08:30:00Z", "vital-signs", "80"},
                          {"2339-0", "Glucose", "2025-01-15T07:00:00Z", "laboratory", "104"}};
        for (String[] o : obs) {
            Observation ob = new Observation();
            String id = UUID.randomUUID().toString();
            observations.add(id);
            ob.setId(id);
            ob.setStatus(Observation.ObservationStatus.FINAL);
            ob.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/observation-category", o[3], null)));
            ob.setCode(new CodeableConcept(new Coding(LOINC, o[0], o[1])));
            ob.setSubject(new Reference("urn:uuid:" + patient));
            if (o[2].startsWith("2024")) {
                ob.setEncounter(new Reference("urn:uuid:" + encounter));
            }
            ob.addPerformer(new Reference("urn:uuid:" + practitioner));
            ob.setEffective(new DateTimeType(o[2]));
            ob.setValue(new Quantity().setValue(Double.parseDouble(o[4])).setUnit("1/min"));
            add(b, ob);
        }
        Provenance prov = new Provenance();
        prov.setId(UUID.randomUUID().toString());
        prov.addTarget(new Reference("urn:uuid:" + patient));
        prov.setRecorded(new Date());
        prov.addAgent().setWho(new Reference("urn:uuid:" + practitioner));
        add(b, prov);
        FhirBundleImport.Result[] result = new FhirBundleImport.Result[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> result[0] = imports.importBundle("generic-client-test", b));
        assertThat(result[0].rejection()).isNull();
        assertThat(result[0].created()).containsEntry("Observation", 3).containsEntry("Provenance", 1);

        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FHIR.newRestfulGenericClient(api.baseUrl() + "/fhir/r4");
        client.registerInterceptor(new BasicAuthInterceptor(accounts.of(Role.HIM_DIRECTOR), StaffAccounts.PASSWORD));
    }

    private static void add(Bundle b, Resource r) {
        b.addEntry().setFullUrl("urn:uuid:" + r.getIdElement().getIdPart()).setResource(r);
    }

    private Bundle observations(ca.uhn.fhir.rest.gclient.IQuery<org.hl7.fhir.instance.model.api.IBaseBundle> q) {
        return q.and(Observation.PATIENT.hasId("Patient/" + patient)).returnBundle(Bundle.class).execute();
    }

    private static Set<String> codes(Bundle b) {
        Set<String> codes = new HashSet<>();
        for (Bundle.BundleEntryComponent e : b.getEntry()) {
            if (e.getResource() instanceof Observation o) {
                codes.add(o.getCode().getCodingFirstRep().getCode() + "@" + o.getEffectiveDateTimeType().getValueAsString().substring(0, 4));
            }
        }
        return codes;
    }

    @Test
    void tokenWithSystemAndCodeAndCodeAloneAndCategory() {
        Bundle bySystemCode = observations(client.search().forResource(Observation.class)
                .where(Observation.CODE.exactly().systemAndCode(LOINC, "8867-4")));
        assertThat(codes(bySystemCode)).containsExactlyInAnyOrder("8867-4@2023", "8867-4@2024");
        assertThat(bySystemCode.getTotal()).isEqualTo(2);
        Bundle byCode = observations(client.search().forResource(Observation.class).where(Observation.CODE.exactly().code("2339-0")));
        assertThat(codes(byCode)).containsExactly("2339-0@2025");
        Bundle otherSystem = observations(client.search().forResource(Observation.class)
                .where(Observation.CODE.exactly().systemAndCode("http://snomed.info/sct", "8867-4")));
        assertThat(otherSystem.getTotal()).isZero();
        Bundle lab = observations(client.search().forResource(Observation.class)
                .where(Observation.CATEGORY.exactly().code("laboratory")));
        assertThat(codes(lab)).containsExactly("2339-0@2025");
    }

    @Test
    void dateWithEachPrefix() {
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.afterOrEquals().day("2024-01-01"))))).containsExactlyInAnyOrder("8867-4@2024", "2339-0@2025");
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.after().day("2024-03-01"))))).containsExactly("2339-0@2025");
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.before().day("2024-03-01"))))).containsExactly("8867-4@2023");
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.beforeOrEquals().day("2024-03-01"))))).containsExactlyInAnyOrder("8867-4@2023", "8867-4@2024");
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.exactly().day("2024-03-01"))))).containsExactly("8867-4@2024");
    }

    /** A date parameter repeated is ANDed (FHIR R4 search): date=ge..&date=lt.. is a range, two lower bounds the later. */
    @Test
    void repeatedDatesNarrowToTheirIntersection() {
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.afterOrEquals().day("2024-01-01")).and(Observation.DATE.before().day("2025-01-01")))))
                .containsExactly("8867-4@2024");
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.before().day("2025-01-01")).and(Observation.DATE.afterOrEquals().day("2023-01-01")))))
                .containsExactlyInAnyOrder("8867-4@2023", "8867-4@2024");
        assertThat(codes(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.afterOrEquals().day("2024-01-01")).and(Observation.DATE.afterOrEquals().day("2023-01-01")))))
                .as("the later lower bound holds, whatever the order").containsExactlyInAnyOrder("8867-4@2024", "2339-0@2025");
        assertThat(observations(client.search().forResource(Observation.class)
                .where(Observation.DATE.afterOrEquals().day("2025-01-01")).and(Observation.DATE.before().day("2024-01-01"))).getTotal())
                .as("disjoint bounds").isZero();
        Bundle inRange = client.search().forResource(Encounter.class).where(Encounter.PATIENT.hasId("Patient/" + patient))
                .and(Encounter.DATE.afterOrEquals().day("2024-02-01")).and(Encounter.DATE.before().day("2024-04-01"))
                .returnBundle(Bundle.class).execute();
        assertThat(inRange.getEntry()).hasSize(1);
        Bundle after = client.search().forResource(Encounter.class).where(Encounter.PATIENT.hasId("Patient/" + patient))
                .and(Encounter.DATE.afterOrEquals().day("2024-04-01")).and(Encounter.DATE.before().day("2025-01-01"))
                .returnBundle(Bundle.class).execute();
        assertThat(after.getEntry()).isEmpty();
    }

    @Test
    void referenceAndStringAndIdAndLastUpdated() {
        Bundle byEncounter = client.search().forResource(Observation.class)
                .where(Observation.ENCOUNTER.hasId("Encounter/" + encounter)).returnBundle(Bundle.class).execute();
        assertThat(codes(byEncounter)).containsExactly("8867-4@2024");
        Bundle byPerformer = client.search().forResource(Observation.class)
                .where(Observation.PERFORMER.hasId("Practitioner/" + practitioner)).returnBundle(Bundle.class).execute();
        assertThat(byPerformer.getTotal()).isEqualTo(3);
        Bundle byName = client.search().forResource(Practitioner.class)
                .where(Practitioner.NAME.matches().value("quincy" + family.toLowerCase())).returnBundle(Bundle.class).execute();
        assertThat(byName.getEntry()).hasSize(1);
        assertThat(byName.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(practitioner);
        Bundle byId = client.search().forResource(Observation.class)
                .where(Observation.RES_ID.exactly().code(observations.get(0))).returnBundle(Bundle.class).execute();
        assertThat(byId.getEntry()).hasSize(1);
        Bundle recent = observations(client.search().forResource(Observation.class)
                .lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam(new Date(System.currentTimeMillis() - 3_600_000L), null)));
        assertThat(recent.getTotal()).isEqualTo(3);
        Bundle old = observations(client.search().forResource(Observation.class)
                .lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam(null, new Date(System.currentTimeMillis() - 3_600_000L))));
        assertThat(old.getTotal()).isZero();
        Observation read = client.read().resource(Observation.class).withId(observations.get(2)).execute();
        assertThat(read.getCode().getCodingFirstRep().getCode()).isEqualTo("2339-0");
        assertThat(read.getSubject().getReference()).isEqualTo("Patient/" + patient);
    }

    @Test
    void sortTotalSummaryCountAndPaging() {
        Bundle count = client.search().forResource(Observation.class).where(Observation.PATIENT.hasId("Patient/" + patient))
                .summaryMode(SummaryEnum.COUNT).returnBundle(Bundle.class).execute();
        assertThat(count.getTotal()).isEqualTo(3);
        assertThat(count.getEntry()).isEmpty();
        Bundle page = client.search().forResource(Observation.class).where(Observation.PATIENT.hasId("Patient/" + patient))
                .sort().descending(Observation.DATE).count(1).returnBundle(Bundle.class).execute();
        List<String> years = new ArrayList<>();
        int pages = 0;
        while (page != null) {
            pages++;
            assertThat(page.getTotal()).isEqualTo(3);
            codes(page).forEach(c -> years.add(c.substring(c.indexOf('@') + 1)));
            page = page.getLink("next") == null ? null : client.loadPage().next(page).execute();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(years).containsExactly("2025", "2024", "2023");
    }

    @Test
    void includeRevincludeAndElements() {
        Bundle withPatient = observations(client.search().forResource(Observation.class)
                .where(Observation.CODE.exactly().code("2339-0")).include(Observation.INCLUDE_PATIENT)
                .include(Observation.INCLUDE_PERFORMER));
        List<String> included = withPatient.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE)
                .map(e -> e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()).toList();
        assertThat(included).containsExactlyInAnyOrder("Patient/" + patient, "Practitioner/" + practitioner);
        Bundle withProvenance = client.search().forResource(Patient.class).where(Patient.RES_ID.exactly().code(patient))
                .revInclude(Provenance.INCLUDE_TARGET).returnBundle(Bundle.class).execute();
        assertThat(withProvenance.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactlyInAnyOrder("Patient", "Provenance");
        Bundle subset = observations(client.search().forResource(Observation.class).elementsSubset("code"));
        Observation o = (Observation) subset.getEntryFirstRep().getResource();
        assertThat(o.hasCode()).isTrue();
        assertThat(o.hasValue()).isFalse();
        assertThat(o.hasSubject()).isFalse();
    }

    @Test
    void everythingIsPagedAndFilteredByType() {
        Set<String> all = new HashSet<>();
        Bundle page = client.operation().onInstance("Patient/" + patient).named("$everything")
                .withParameter(Parameters.class, "_count", new IntegerType(2)).useHttpGet().returnResourceType(Bundle.class).execute();
        int pages = 0;
        while (page != null) {
            pages++;
            page.getEntry().forEach(e -> all.add(e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart()));
            page = page.getLink("next") == null ? null : client.loadPage().next(page).execute();
        }
        // Patient, Encounter, 3 Observations, Provenance, and the practitioner they name.
        assertThat(all).hasSize(7).contains("Patient/" + patient, "Practitioner/" + practitioner, "Encounter/" + encounter);
        assertThat(pages).isEqualTo(4);
        Bundle onlyObservations = client.operation().onInstance("Patient/" + patient).named("$everything")
                .withParameter(Parameters.class, "_type", new org.hl7.fhir.r4.model.StringType("Observation")).useHttpGet()
                .returnResourceType(Bundle.class).execute();
        assertThat(onlyObservations.getTotal()).isEqualTo(3);
        Bundle since = client.operation().onInstance("Patient/" + patient).named("$everything")
                .withParameter(Parameters.class, "_since", new org.hl7.fhir.r4.model.InstantType(new Date(System.currentTimeMillis() + 3_600_000L)))
                .useHttpGet().returnResourceType(Bundle.class).execute();
        assertThat(since.getTotal()).isZero();
    }

    @Test
    void everythingIsWrittenOntoTheResponseAsJsonAndRefusesBeforeTheFirstByte() {
        String user = accounts.of(Role.HIM_DIRECTOR);
        Api.Response r = api.as(user, "GET", "/fhir/r4/Patient/" + patient + "/$everything", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+json").containsIgnoringCase("charset=UTF-8");
        Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, r.body());
        assertThat(bundle.getTotal()).isEqualTo(7);
        assertThat(bundle.getEntry()).hasSize(7);
        assertThat(bundle.getEntryFirstRep().getResource().fhirType()).isEqualTo("Patient");
        Api.Response bad = api.as(user, "GET", "/fhir/r4/Patient/" + patient + "/$everything?_sort=date", null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("resourceType").asText()).isEqualTo("OperationOutcome");
        Api.Response xml = api.as(user, "GET", "/fhir/r4/Patient/" + patient + "/$everything?_format=xml", null);
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("application/fhir+xml");
        assertThat(FHIR.newXmlParser().parseResource(Bundle.class, xml.body()).getEntry()).hasSize(7);
    }

    @Test
    void auditEventsOfThePatientInTheBalpShape() {
        client.read().resource(Observation.class).withId(observations.get(0)).execute();
        IGenericClient auditor = FHIR.newRestfulGenericClient(api.baseUrl() + "/fhir/r4");
        auditor.registerInterceptor(new BasicAuthInterceptor(accounts.of(Role.PRIVACY_OFFICER), StaffAccounts.PASSWORD));
        Bundle events = auditor.search().forResource(AuditEvent.class).where(AuditEvent.PATIENT.hasId("Patient/" + patient))
                .returnBundle(Bundle.class).execute();
        assertThat(events.getTotal()).isGreaterThanOrEqualTo(2);
        // The director's read, among others of the same patient (the MPI's registration screen reads as the system).
        AuditEvent read = events.getEntry().stream().map(e -> (AuditEvent) e.getResource())
                .filter(e -> e.getAction() == AuditEvent.AuditEventAction.R)
                .filter(e -> accounts.of(Role.HIM_DIRECTOR).equals(e.getAgentFirstRep().getWho().getIdentifier().getValue()))
                .findFirst().orElseThrow();
        assertThat(read.getEntity()).anyMatch(en -> ("Patient/" + patient).equals(en.getWhat().getReference()));
        assertThat(read.getMeta().getProfile().get(0).getValue()).endsWith("IHE.BasicAudit.PatientRead");
        AuditEvent one = auditor.read().resource(AuditEvent.class).withId(read.getIdElement().getIdPart()).execute();
        assertThat(one.getRecorded()).isEqualTo(read.getRecorded());
        // A clinician may not read the audit log.
        IGenericClient clinician = FHIR.newRestfulGenericClient(api.baseUrl() + "/fhir/r4");
        clinician.registerInterceptor(new BasicAuthInterceptor(accounts.of(Role.CLINICIAN), StaffAccounts.PASSWORD));
        assertThatThrownBy(() -> clinician.search().forResource(AuditEvent.class).returnBundle(Bundle.class).execute())
                .isInstanceOf(ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException.class);
    }

    @Test
    void errorsAreOperationOutcomes() {
        assertThatThrownBy(() -> client.search().forResource(Observation.class)
                .where(new ca.uhn.fhir.rest.gclient.StringClientParam("colour").matches().value("red")).returnBundle(Bundle.class).execute())
                .isInstanceOfSatisfying(InvalidRequestException.class, e ->
                        assertThat(((OperationOutcome) e.getOperationOutcome()).getIssueFirstRep().getDiagnostics()).contains("colour"));
        assertThatThrownBy(() -> client.read().resource(Observation.class).withId(UUID.randomUUID().toString()).execute())
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.getOperationOutcome()).isNotNull());
        Api.Response unknown = api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/fhir/r4/Nonsense/1/_history/x/y", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("resourceType").asString()).isEqualTo("OperationOutcome");
        Api.Response unknownType = api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/fhir/r4/Nonsense?x=1", null);
        assertThat(unknownType.status()).isEqualTo(404);
        assertThat(unknownType.json().path("resourceType").asString()).isEqualTo("OperationOutcome");
    }
}
