package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.ChartSearch;
import org.custodian.chart.ChartService;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.FindingKind;
import org.custodian.patient.PatientFinder;
import org.custodian.patient.PatientRegistry;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR R4 over Spring MVC with HAPI's model and parser: the security chain and the endpoint ×
 * role matrix apply as to the rest of the API. Import by POSTing a transaction or batch Bundle;
 * read and search Patient, Encounter, Condition, Procedure and DocumentReference. Only the search
 * and sort parameters listed in the CapabilityStatement are accepted; any other is a 400
 * OperationOutcome naming it. Every read and search is audited by the patient and chart modules.
 */
@RestController
@RequestMapping("/fhir/r4")
class FhirController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
    static final MediaType FHIR_XML = MediaType.parseMediaType("application/fhir+xml;charset=UTF-8");
    private static final int DEFAULT_COUNT = 20;
    private static final int MAX_COUNT = 100;
    private static final Set<String> PAGING = Set.of("_count", "_offset", "_format", "_sort");

    /** Search parameters and sort keys per resource type: nothing else is accepted. */
    static final Map<String, Set<String>> SEARCH = Map.of(
            "Patient", Set.of("identifier", "name", "family", "given", "birthdate", "gender"),
            "Encounter", Set.of("patient", "date", "status"),
            "Condition", Set.of("patient", "encounter"),
            "Procedure", Set.of("patient", "encounter"),
            "DocumentReference", Set.of("patient", "type", "date"));
    static final Map<String, Set<String>> SORT = Map.of(
            "Patient", Set.of("family"),
            "Encounter", Set.of("date", "-date"),
            "Condition", Set.of(),
            "Procedure", Set.of(),
            "DocumentReference", Set.of("date", "-date"));

    private final FhirContext fhir;
    private final FhirImports imports;
    private final PatientRegistry patients;
    private final PatientFinder finder;
    private final ChartService charts;
    private final ChartSearch chartSearch;
    private final ChartFindings findings;

    private final PublicBaseUrl publicBase;

    FhirController(FhirContext fhir, FhirImports imports, PatientRegistry patients, PatientFinder finder,
                   ChartService charts, ChartSearch chartSearch, ChartFindings findings, PublicBaseUrl publicBase) {
        this.publicBase = publicBase;
        this.fhir = fhir;
        this.imports = imports;
        this.patients = patients;
        this.finder = finder;
        this.charts = charts;
        this.chartSearch = chartSearch;
        this.findings = findings;
    }

    // ---- import ----

    @PostMapping(value = "", consumes = {"application/fhir+json", "application/json", "application/fhir+xml",
            "application/xml", "text/xml"})
    @PreAuthorize("hasAuthority('interface:manage')")
    ResponseEntity<String> transaction(@RequestBody byte[] body, HttpServletRequest request) {
        FhirImports.Outcome outcome = imports.importUnit("request", body);
        if (!outcome.accepted()) {
            BundleRejected r = outcome.rejection();
            int status = r.type() == IssueType.CONFLICT ? 409 : r.type() == IssueType.BUSINESSRULE ? 422 : 400;
            return respond(status, r.outcome(), request);
        }
        ImportReport report = outcome.report();
        Bundle response = new Bundle().setType("batch".equals(report.bundleType())
                ? Bundle.BundleType.BATCHRESPONSE : Bundle.BundleType.TRANSACTIONRESPONSE);
        for (ImportReport.EntryResult e : report.entries()) {
            var entry = response.addEntry().getResponse().setStatus(e.status());
            if (e.location() != null) {
                entry.setLocation(e.location());
            }
            if (e.note() != null) {
                OperationOutcome note = new OperationOutcome();
                note.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(IssueType.INFORMATIONAL).setDiagnostics(e.note());
                entry.setOutcome(note);
            }
        }
        return respond(200, response, request);
    }

    // ---- capability ----

    @GetMapping("/metadata")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> metadata(HttpServletRequest request) {
        CapabilityStatement cs = new CapabilityStatement();
        cs.setStatus(Enumerations.PublicationStatus.ACTIVE).setDate(new java.util.Date())
                .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE)
                .setFhirVersion(Enumerations.FHIRVersion._4_0_1).addFormat("json").addFormat("xml");
        cs.getSoftware().setName("Custodian");
        var rest = cs.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
        rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH);
        for (String type : List.of("Patient", "Encounter", "Condition", "Procedure", "DocumentReference")) {
            CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(CapabilityStatement.TypeRestfulInteraction.SEARCHTYPE);
            for (String p : SEARCH.get(type).stream().sorted().toList()) {
                resource.addSearchParam().setName(p).setType(paramType(p));
            }
        }
        rest.getResource().get(0).addOperation().setName("export").setDefinition("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export");
        return respond(200, cs, request);
    }

    private static Enumerations.SearchParamType paramType(String p) {
        return switch (p) {
            case "birthdate", "date" -> Enumerations.SearchParamType.DATE;
            case "patient", "encounter" -> Enumerations.SearchParamType.REFERENCE;
            case "identifier", "gender", "status", "type" -> Enumerations.SearchParamType.TOKEN;
            default -> Enumerations.SearchParamType.STRING;
        };
    }

    // ---- read ----

    @GetMapping("/Patient/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readPatient(@PathVariable String id, HttpServletRequest request) {
        long local = id(id);
        return respond(200, FhirResources.patient(patients.find(local)
                .orElseThrow(() -> notFound("Patient", id))), request);
    }

    @GetMapping("/Encounter/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readEncounter(@PathVariable String id, HttpServletRequest request) {
        return respond(200, FhirResources.encounter(charts.encounter(id(id))), request);
    }

    @GetMapping("/DocumentReference/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readDocument(@PathVariable String id, HttpServletRequest request) {
        return respond(200, FhirResources.document(charts.document(id(id))), request);
    }

    @GetMapping("/Condition/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readCondition(@PathVariable String id, HttpServletRequest request) {
        CodedFinding f = findings.finding(id(id));
        if (f.kind() != FindingKind.CONDITION) {
            throw notFound("Condition", id);
        }
        return respond(200, FhirResources.condition(f), request);
    }

    @GetMapping("/Procedure/{id}")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> readProcedure(@PathVariable String id, HttpServletRequest request) {
        CodedFinding f = findings.finding(id(id));
        if (f.kind() != FindingKind.PROCEDURE) {
            throw notFound("Procedure", id);
        }
        return respond(200, FhirResources.procedure(f), request);
    }

    // ---- search ----

    @GetMapping("/Patient")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchPatients(HttpServletRequest request) {
        Params p = params("Patient", request);
        String identifier = p.one("identifier");
        String system = null;
        String value = identifier;
        if (identifier != null && identifier.contains("|")) {
            system = identifier.substring(0, identifier.indexOf('|'));
            value = identifier.substring(identifier.indexOf('|') + 1);
            system = system.isEmpty() ? null : system;
        }
        String gender = p.one("gender");
        var sex = gender == null ? null : FhirResources.sex(gender);
        if (gender != null && sex == null) {
            throw FhirSearchException.badParameter("gender", "one of male, female, other, unknown");
        }
        String birthdate = p.one("birthdate");
        LocalDate dob = null;
        if (birthdate != null) {
            try {
                dob = LocalDate.parse(birthdate.startsWith("eq") ? birthdate.substring(2) : birthdate);
            } catch (DateTimeParseException e) {
                throw FhirSearchException.badParameter("birthdate", "a date YYYY-MM-DD (optionally prefixed eq)");
            }
        }
        var criteria = new PatientFinder.Criteria(system, value, p.one("name"), p.one("family"), p.one("given"), dob, sex);
        List<Resource> page = new ArrayList<>();
        finder.find(criteria, p.offset, p.count + 1).forEach(x -> page.add(FhirResources.patient(x)));
        return respond(200, searchset(page, p, request), request);
    }

    @GetMapping("/Encounter")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchEncounters(HttpServletRequest request) {
        Params p = params("Encounter", request);
        Instant[] range = p.dateRange("date");
        String status = p.one("status");
        Boolean discharged = null;
        if (status != null) {
            discharged = switch (status) {
                case "finished" -> true;
                case "in-progress" -> false;
                default -> throw FhirSearchException.badParameter("status", "finished or in-progress");
            };
        }
        var criteria = new ChartSearch.EncounterCriteria(p.reference("patient", "Patient"), range[0], range[1], discharged);
        List<Resource> page = new ArrayList<>();
        chartSearch.encounters(criteria, !"-date".equals(p.sort), p.offset, p.count + 1)
                .forEach(e -> page.add(FhirResources.encounter(e)));
        return respond(200, searchset(page, p, request), request);
    }

    @GetMapping("/Condition")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchConditions(HttpServletRequest request) {
        return searchFindings("Condition", FindingKind.CONDITION, FhirResources::condition, request);
    }

    @GetMapping("/Procedure")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchProcedures(HttpServletRequest request) {
        return searchFindings("Procedure", FindingKind.PROCEDURE, FhirResources::procedure, request);
    }

    private ResponseEntity<String> searchFindings(String type, FindingKind kind, Function<CodedFinding, Resource> map,
                                                 HttpServletRequest request) {
        Params p = params(type, request);
        Long patient = p.reference("patient", "Patient");
        Long encounter = p.reference("encounter", "Encounter");
        List<CodedFinding> found;
        if (encounter != null) {
            List<CodedFinding> all = kind == FindingKind.CONDITION ? findings.conditions(encounter) : findings.procedures(encounter);
            found = all.stream().filter(f -> patient == null || f.patientId() == patient).skip(p.offset).limit(p.count + 1L).toList();
        } else if (patient != null) {
            found = findings.forPatient(patient, kind, p.offset, p.count + 1);
        } else {
            throw FhirSearchException.badParameter("patient", "patient or encounter is required to search " + type);
        }
        List<Resource> page = new ArrayList<>();
        found.forEach(f -> page.add(map.apply(f)));
        return respond(200, searchset(page, p, request), request);
    }

    @GetMapping("/DocumentReference")
    @PreAuthorize("hasAuthority('chart:read')")
    ResponseEntity<String> searchDocuments(HttpServletRequest request) {
        Params p = params("DocumentReference", request);
        Instant[] range = p.dateRange("date");
        String type = p.one("type");
        if (type != null && type.contains("|")) {
            if (!type.startsWith("http://loinc.org|")) {
                throw FhirSearchException.badParameter("type", "a LOINC code (http://loinc.org|code or code)");
            }
            type = type.substring(type.indexOf('|') + 1);
        }
        var criteria = new ChartSearch.DocumentCriteria(p.reference("patient", "Patient"), type, range[0], range[1]);
        List<Resource> page = new ArrayList<>();
        chartSearch.documents(criteria, "date".equals(p.sort), p.offset, p.count + 1)
                .forEach(d -> page.add(FhirResources.document(d)));
        return respond(200, searchset(page, p, request), request);
    }

    /** One page; {@code page} holds up to count + 1 resources, the extra one only saying a next page exists. */
    private Bundle searchset(List<Resource> page, Params p, HttpServletRequest request) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        String base = publicBase.requestUrl(request);
        bundle.addLink().setRelation("self").setUrl(base + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        boolean more = page.size() > p.count;
        for (Resource r : more ? page.subList(0, p.count) : page) {
            bundle.addEntry().setFullUrl(r.fhirType() + "/" + r.getIdElement().getIdPart()).setResource(r)
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        if (more) {
            bundle.addLink().setRelation("next").setUrl(base + "?" + p.queryWithOffset(p.offset + p.count));
        }
        if (p.offset > 0) {
            bundle.addLink().setRelation("previous").setUrl(base + "?" + p.queryWithOffset(Math.max(0, p.offset - p.count)));
        }
        return bundle;
    }

    private Params params(String type, HttpServletRequest request) {
        Set<String> allowed = SEARCH.get(type);
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String name = e.getKey();
            if (!allowed.contains(name) && !PAGING.contains(name)) {
                throw FhirSearchException.badParameter(name, "not a supported search parameter of " + type
                        + " (supported: " + String.join(", ", allowed.stream().sorted().toList()) + ", _count, _offset, _sort)");
            }
            if (e.getValue().length > 1 && !name.equals("date")) {
                throw FhirSearchException.badParameter(name, "given more than once");
            }
        }
        return new Params(type, request);
    }

    /** The request's parameters, already checked against the whitelist. */
    private static final class Params {
        final Map<String, String[]> values;
        final int count;
        final int offset;
        final String sort;

        Params(String type, HttpServletRequest request) {
            this.values = request.getParameterMap();
            this.count = integer("_count", DEFAULT_COUNT, 1, MAX_COUNT);
            this.offset = integer("_offset", 0, 0, 1_000_000);
            this.sort = one("_sort");
            if (sort != null && !SORT.get(type).contains(sort)) {
                throw FhirSearchException.badParameter("_sort", "not a supported sort of " + type
                        + (SORT.get(type).isEmpty() ? " (none is)" : " (supported: " + String.join(", ", SORT.get(type).stream().sorted().toList()) + ")"));
            }
        }

        String one(String name) {
            String[] v = values.get(name);
            if (v == null || v.length == 0) {
                return null;
            }
            if (v[0].isBlank()) {
                throw FhirSearchException.badParameter(name, "empty");
            }
            return v[0].trim();
        }

        private int integer(String name, int fallback, int min, int max) {
            String v = one(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw FhirSearchException.badParameter(name, "between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw FhirSearchException.badParameter(name, "an integer");
            }
        }

        Long reference(String name, String type) {
            String v = one(name);
            if (v == null) {
                return null;
            }
            String id = v.startsWith(type + "/") ? v.substring(type.length() + 1) : v;
            try {
                return Long.parseLong(id);
            } catch (NumberFormatException e) {
                throw FhirSearchException.badParameter(name, "a " + type + " id or " + type + "/id");
            }
        }

        /** date=ge2024-01-01&date=lt2025-01-01: [from inclusive, to exclusive]; eq or no prefix is that day. */
        Instant[] dateRange(String name) {
            Instant[] range = new Instant[2];
            String[] vs = values.get(name);
            if (vs == null) {
                return range;
            }
            for (String v : vs) {
                String prefix = v.length() > 2 && Character.isLetter(v.charAt(0)) ? v.substring(0, 2) : "eq";
                String value = v.length() > 2 && Character.isLetter(v.charAt(0)) ? v.substring(2) : v;
                Instant start;
                Instant end;
                try {
                    if (value.length() == 10) {
                        LocalDate day = LocalDate.parse(value);
                        start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                        end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } else {
                        start = OffsetDateTime.parse(value).toInstant();
                        end = start.plusMillis(1);
                    }
                } catch (DateTimeParseException e) {
                    throw FhirSearchException.badParameter(name, "a date YYYY-MM-DD or date-time with offset, with an optional prefix eq, ge, gt, le, lt");
                }
                switch (prefix) {
                    case "eq" -> {
                        range[0] = start;
                        range[1] = end;
                    }
                    case "ge" -> range[0] = start;
                    case "gt" -> range[0] = end;
                    case "le" -> range[1] = end;
                    case "lt" -> range[1] = start;
                    default -> throw FhirSearchException.badParameter(name, "prefix " + prefix + " is not supported (eq, ge, gt, le, lt)");
                }
            }
            return range;
        }

        String queryWithOffset(int newOffset) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String[]> e : values.entrySet()) {
                if (e.getKey().equals("_offset")) {
                    continue;
                }
                for (String v : e.getValue()) {
                    sb.append(sb.isEmpty() ? "" : "&").append(encode(e.getKey())).append('=').append(encode(v));
                }
            }
            return sb.append(sb.isEmpty() ? "" : "&").append("_offset=").append(newOffset).toString();
        }

        private static String encode(String s) {
            return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new FhirSearchException(404, IssueType.NOTFOUND, "no resource with id " + FhirInput.sanitize(id).replaceAll("[^A-Za-z0-9-]", ""));
        }
    }

    private static FhirSearchException notFound(String type, String id) {
        return new FhirSearchException(404, IssueType.NOTFOUND, type + "/" + id.replaceAll("[^A-Za-z0-9-]", "") + " is not known");
    }

    // ---- errors and formats ----

    @ExceptionHandler(FhirSearchException.class)
    ResponseEntity<String> fhirError(FhirSearchException e, HttpServletRequest request) {
        return respond(e.status(), e.outcome(), request);
    }

    @ExceptionHandler({ChartNotFoundException.class, org.custodian.patient.PatientNotFoundException.class})
    ResponseEntity<String> notFound(RuntimeException e, HttpServletRequest request) {
        return respond(404, new FhirSearchException(404, IssueType.NOTFOUND, "not found").outcome(), request);
    }

    ResponseEntity<String> respond(int status, IBaseResource resource, HttpServletRequest request) {
        boolean xml = wantsXml(request);
        String body = (xml ? fhir.newXmlParser() : fhir.newJsonParser()).encodeResourceToString(resource);
        return ResponseEntity.status(status).contentType(xml ? FHIR_XML : FHIR_JSON).body(body);
    }

    static boolean wantsXml(HttpServletRequest request) {
        String format = request.getParameter("_format");
        if (format != null) {
            return format.contains("xml");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("xml") && !accept.contains("json");
    }
}
