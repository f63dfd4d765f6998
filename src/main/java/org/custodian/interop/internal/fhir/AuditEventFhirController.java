package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ClinicalResources;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log read over FHIR as AuditEvent resources in the shape of IHE Basic Audit Log
 * Patterns (BALP): read-only, by id (the event's sequence number) and searched by patient, agent
 * (user) and date. Reading the log is itself logged (HIPAA 45 CFR 164.312(b)).
 */
@Tag(name = "FHIR R4", description = "HL7 FHIR R4 interface for the EHR and other systems: transaction bundles in, resources and searches out. Errors are OperationOutcome.")
@RestController
@RequestMapping("/fhir/r4")
class AuditEventFhirController implements FhirEndpoint {

    static final Set<String> SEARCH = Set.of("patient", "agent", "date");
    private static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/";
    private static final String EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
    private static final String RESTFUL = "http://hl7.org/fhir/restful-interaction";

    private final FhirResponses responses;
    private final AuditLog log;
    private final AuditTrail audit;
    private final StoredFhir stored;
    private final ClinicalResources resources;

    AuditEventFhirController(FhirResponses responses, AuditLog log, AuditTrail audit, StoredFhir stored,
                             ClinicalResources resources) {
        this.responses = responses;
        this.log = log;
        this.audit = audit;
        this.stored = stored;
        this.resources = resources;
    }

    @Operation(summary = "Read one audit event as a FHIR AuditEvent (IHE BALP)")
    @GetMapping("/AuditEvent/{id}")
    @PreAuthorize("hasAuthority('audit:read')")
    ResponseEntity<String> read(@PathVariable String id, HttpServletRequest request) {
        long seq = FhirResponses.id(id);
        AuditRecord r = log.event(seq).orElseThrow(() -> FhirResponses.notFound("AuditEvent", id));
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, r.patientId(), "AuditEvent", seq, null);
        return responses.respond(200, event(r), request);
    }

    @Operation(summary = "Search the audit log by patient, agent (user name) and date, newest first")
    @GetMapping("/AuditEvent")
    @PreAuthorize("hasAuthority('audit:read')")
    ResponseEntity<String> search(HttpServletRequest request) {
        for (String name : request.getParameterMap().keySet()) {
            if (!SEARCH.contains(name) && !Set.of("_count", "_offset", "_format", "_summary").contains(name)) {
                throw FhirSearchException.badParameter(name, "not a supported search parameter of AuditEvent"
                        + " (supported: agent, date, patient, _count, _summary=count)");
            }
        }
        String p = request.getParameter("patient");
        Long patientId = p == null ? null : stored.patientOf(p);
        if (p != null && patientId == null) {
            patientId = -1L;
        }
        Instant[] range = SearchParams.dateRange("date", request.getParameterValues("date"));
        int count = SearchParams.integer(request, "_count", 50, 0, 500);
        int offset = SearchParams.integer(request, "_offset", 0, 0, 10_000_000);
        if (offset % Math.max(count, 1) != 0) {
            throw FhirSearchException.badParameter("_offset", "a multiple of _count");
        }
        AuditQuery query = new AuditQuery(patientId, request.getParameter("agent"), range[0], range[1],
                count == 0 ? 0 : offset / count, Math.max(count, 1));
        long total = log.count(query);
        List<AuditRecord> found = StoredFhir.summaryCount(request) || count == 0 ? List.of() : log.find(query);
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, patientId == null || patientId < 0 ? null : patientId,
                "AuditEvent", null, found.size() + " of " + total);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal((int) total);
        String self = request.getRequestURL().toString();
        bundle.addLink().setRelation("self").setUrl(self + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        if (count > 0 && offset + count < total) {
            String q = request.getQueryString() == null ? "" : request.getQueryString().replaceAll("&?_offset=\\d+", "");
            bundle.addLink().setRelation("next").setUrl(self + "?" + (q.isEmpty() ? "" : q + "&") + "_offset=" + (offset + count));
        }
        List<Resource> events = new ArrayList<>();
        found.forEach(r -> events.add(event(r)));
        events.forEach(e -> bundle.addEntry().setFullUrl("AuditEvent/" + e.getIdElement().getIdPart()).setResource(e)
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return responses.respond(200, bundle, request);
    }

    /** One logged event in the BALP shape: who (agent), what (entity), why (purposeOfEvent), outcome. */
    AuditEvent event(AuditRecord r) {
        AuditEvent e = new AuditEvent();
        e.setId(String.valueOf(r.seq()));
        String action = r.action();
        boolean read = action.equals("READ") || action.equals("SEARCH") || action.equals("EXPORT");
        if (r.patientId() != null) {
            e.getMeta().addProfile(BALP + (read ? "IHE.BasicAudit.PatientRead" : action.equals("CREATE")
                    ? "IHE.BasicAudit.PatientCreate" : "IHE.BasicAudit.PatientUpdate"));
        }
        switch (action) {
            case "LOGIN", "LOGIN_FAILED", "LOGOUT" -> {
                e.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110114", "User Authentication"));
                e.addSubtype(new Coding("http://dicom.nema.org/resources/ontology/DCM", action.equals("LOGOUT") ? "110123" : "110122",
                        action.equals("LOGOUT") ? "Logout" : "Login"));
            }
            default -> {
                e.setType(new Coding(EVENT_TYPE, "rest", "Restful Operation"));
                String sub = switch (action) {
                    case "READ" -> "read";
                    case "SEARCH" -> "search-type";
                    case "CREATE" -> "create";
                    case "EXPORT" -> "read";
                    default -> "update";
                };
                e.addSubtype(new Coding(RESTFUL, sub, sub));
            }
        }
        e.setAction(switch (action) {
            case "CREATE" -> AuditEvent.AuditEventAction.C;
            case "READ", "EXPORT" -> AuditEvent.AuditEventAction.R;
            case "UPDATE", "SIGN", "ADMIN" -> AuditEvent.AuditEventAction.U;
            default -> AuditEvent.AuditEventAction.E;
        });
        e.setRecorded(Date.from(r.occurredAt()));
        e.setOutcome("SUCCESS".equals(r.outcome()) ? AuditEvent.AuditEventOutcome._0 : AuditEvent.AuditEventOutcome._4);
        if (r.detail() != null) {
            e.setOutcomeDesc(r.detail());
        }
        if (r.purpose() != null) {
            e.addPurposeOfEvent(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", r.purpose(), null)));
        }
        var agent = e.addAgent().setRequestor(true);
        agent.setType(new CodeableConcept(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110153", "Source Role ID")));
        agent.getWho().getIdentifier().setSystem("urn:custodian:user").setValue(r.username());
        agent.getWho().setDisplay(r.username());
        if (r.roles() != null && !r.roles().isBlank()) {
            for (String role : r.roles().split(",")) {
                agent.addRole().setText(role.trim());
            }
        }
        if (r.clientAddress() != null) {
            agent.getNetwork().setAddress(r.clientAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);
        }
        e.getSource().setSite("Custodian").setObserver(new Reference().setDisplay("Custodian"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
        if (r.patientId() != null) {
            String patient = resources.patientFhirId(r.patientId()).orElse(String.valueOf(r.patientId()));
            e.addEntity().setWhat(new Reference("Patient/" + patient))
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "1", "Person"))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
        }
        if (r.resourceType() != null) {
            var entity = e.addEntity()
                    .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "4", "Domain Resource"));
            entity.setWhat(r.resourceId() == null ? new Reference().setDisplay(r.resourceType())
                    : new Reference(r.resourceType().matches("[A-Z][A-Za-z]+") ? r.resourceType() + "/" + r.resourceId()
                    : null).setDisplay(r.resourceType() + " " + r.resourceId()));
        }
        e.addExtension().setUrl("urn:custodian:audit-hash").setValue(new org.hl7.fhir.r4.model.StringType(r.hash()));
        return e;
    }
}
