package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.ClinicalResources.Page;
import org.custodian.chart.ClinicalResources.Query;
import org.custodian.chart.ClinicalResources.StoredResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * Reads and searches of the kept clinical resources over FHIR R4 (every type that arrived):
 * the parameters each type supports are HAPI FHIR's definitions ({@link SearchIndexer}); the
 * answer is a searchset with {@code total}, paging links, {@code _include}/{@code _revinclude}d
 * resources and {@code _elements} subsets. Anything not supported is refused with a 400
 * OperationOutcome naming it, never ignored (FHIR R4 §3.1.1.4.4).
 */
@Service
class StoredFhir {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 1000;
    static final int EVERYTHING_COUNT = 1000;
    static final Set<String> CONTROL = Set.of("_count", "_offset", "_sort", "_format", "_summary", "_total", "_include",
            "_revinclude", "_elements", "_id", "_lastUpdated");
    static final List<String> SORTS = List.of("date", "-date", "_lastUpdated", "-_lastUpdated", "_id");

    private final FhirContext fhir;
    private final SearchIndexer indexer;
    private final ClinicalResources resources;
    private final PublicBaseUrl publicBase;
    private final FhirChartAccess access;

    StoredFhir(FhirContext fhir, SearchIndexer indexer, ClinicalResources resources, PublicBaseUrl publicBase,
               FhirChartAccess access) {
        this.access = access;
        this.fhir = fhir;
        this.indexer = indexer;
        this.resources = resources;
        this.publicBase = publicBase;
    }

    /** A resource type of FHIR R4 (else a 404 OperationOutcome). */
    void requireType(String type) {
        if (type == null || !type.matches("[A-Z][A-Za-z]{1,63}") || !indexer.isType(type)) {
            throw new FhirSearchException(404, IssueType.NOTSUPPORTED, "unknown resource type: "
                    + (type == null ? "" : type.replaceAll("[^A-Za-z0-9]", "")));
        }
    }

    ResponseEntity<String> read(String type, String id, HttpServletRequest request) {
        requireType(type);
        access.checkKept(type, id); // a flagged chart (45 CFR 164.312(a)(2)(ii))
        StoredResource r = resources.read(type, id)
                .orElseThrow(() -> FhirResponses.notFound(type, id));
        if (r.json() == null) {
            throw new FhirSearchException(410, IssueType.DELETED, type + "/" + id + " was destroyed at the end of its retention period");
        }
        Set<String> elements = elements(type, request);
        if (!FhirResponses.wantsXml(request) && elements == null) {
            return ResponseEntity.ok().contentType(FhirResponses.FHIR_JSON).eTag("W/\"" + r.version() + "\"").body(r.json());
        }
        IParser out = parser(request, type, elements, false);
        Resource parsed = parse(r);
        return ResponseEntity.ok().contentType(FhirResponses.wantsXml(request) ? FhirResponses.FHIR_XML : FhirResponses.FHIR_JSON)
                .body(out.encodeResourceToString(parsed));
    }

    /** Whether a search of one of the chart's own types (Patient, Encounter, ...) asks for more than its own controller offers. */
    static boolean wantsStored(HttpServletRequest request, Set<String> ownParams) {
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String name = e.getKey();
            if (name.equals("_count") || name.equals("_offset") || name.equals("_format") || name.equals("_sort")) {
                continue;
            }
            if (!ownParams.contains(name)) {
                return true;
            }
            if ((name.equals("patient") || name.equals("encounter")) && !e.getValue()[0].matches("(\\w+/)?\\d+")) {
                return true;
            }
        }
        return false;
    }

    ResponseEntity<String> search(String type, HttpServletRequest request) {
        requireType(type);
        Map<String, SearchIndexer.Param> supported = indexer.params(type);
        String dateParam = indexer.dateParam(type);
        Long patientId = null;
        Set<String> ids = null;
        List<List<String>> anyTerms = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        Instant[] dates = new Instant[2];
        Instant[] updated = new Instant[2];
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String key = e.getKey();
            String name = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
            String modifier = key.contains(":") ? key.substring(key.indexOf(':') + 1) : null;
            if (CONTROL.contains(name)) {
                if (name.equals("_id")) {
                    ids = new LinkedHashSet<>(Arrays.asList(one(e).split(",")));
                } else if (name.equals("_lastUpdated")) {
                    updated = SearchParams.dateRange(key, e.getValue());
                }
                continue;
            }
            SearchIndexer.Param p = supported.get(name);
            if (p == null || (p.kind() == SearchIndexer.Kind.DATE && !name.equals(dateParam))) {
                throw FhirSearchException.badParameter(key, "not a supported search parameter of " + type
                        + " (see the CapabilityStatement at /fhir/r4/metadata)");
            }
            if (modifier != null && !(p.kind() == SearchIndexer.Kind.REFERENCE && supported.get(name) != null
                    && indexer.isType(modifier))) {
                throw FhirSearchException.badParameter(key, "modifier :" + modifier.replaceAll("[^A-Za-z-]", "") + " is not supported");
            }
            switch (p.kind()) {
                case DATE -> dates = SearchParams.dateRange(key, e.getValue());
                case STRING -> {
                    for (String v : e.getValue()) {
                        prefixes.add(name + ":" + v.trim().toLowerCase(java.util.Locale.ROOT));
                    }
                }
                case TOKEN -> {
                    for (String v : e.getValue()) {
                        anyTerms.add(Arrays.stream(v.split(",")).map(x -> name + "=" + x.trim()).toList());
                    }
                }
                case REFERENCE -> {
                    for (String v : e.getValue()) {
                        String target = modifier != null ? modifier : p.targetType();
                        if ((name.equals("patient") || name.equals("subject")) && (target == null || target.equals("Patient"))
                                && !v.contains(",")) {
                            Long local = patientOf(v);
                            if (local == null) {
                                return searchset(type, request, new Page(List.of(), 0), List.of(), 0, 0);
                            }
                            if (patientId != null && !patientId.equals(local)) {
                                return searchset(type, request, new Page(List.of(), 0), List.of(), 0, 0);
                            }
                            patientId = local;
                            continue;
                        }
                        List<String> any = new ArrayList<>();
                        for (String one : v.split(",")) {
                            String ref = SearchIndexer.normalize(one.trim());
                            if (!ref.contains("/")) {
                                if (target == null) {
                                    throw FhirSearchException.badParameter(key, "give the type: Type/id");
                                }
                                ref = target + "/" + ref;
                            }
                            any.add(name + "=" + ref);
                        }
                        anyTerms.add(any);
                    }
                }
            }
        }
        int count = SearchParams.integer(request, "_count", DEFAULT_COUNT, 0, MAX_COUNT);
        int offset = SearchParams.integer(request, "_offset", 0, 0, 10_000_000);
        String sort = request.getParameter("_sort");
        if (sort != null && !SORTS.contains(sort)) {
            throw FhirSearchException.badParameter("_sort", "one of " + String.join(", ", SORTS));
        }
        if (sort != null && sort.endsWith("date") && dateParam == null) {
            throw FhirSearchException.badParameter("_sort", type + " has no date to sort by");
        }
        boolean countOnly = summaryCount(request) || count == 0;
        access.check(patientId); // one patient's compartment of a flagged chart: refused; across patients: left out
        Set<Long> closed = patientId == null || request.getParameter("_include") != null
                || request.getParameter("_revinclude") != null ? access.closed() : Set.of();
        Page page = resources.search(new Query(type, patientId, ids, anyTerms, prefixes, dates[0], dates[1], updated[0], updated[1],
                sort, offset, count, countOnly, closed));
        List<StoredResource> included = includes(type, request, page.resources(), closed);
        return searchset(type, request, page, included, offset, count);
    }

    private static String one(Map.Entry<String, String[]> e) {
        if (e.getValue().length != 1 || e.getValue()[0].isBlank()) {
            throw FhirSearchException.badParameter(e.getKey(), "give it once, not empty");
        }
        return e.getValue()[0].trim();
    }

    static boolean summaryCount(HttpServletRequest request) {
        String summary = request.getParameter("_summary");
        if (summary == null) {
            return false;
        }
        if (!summary.equals("count")) {
            throw FhirSearchException.badParameter("_summary", "only count is supported");
        }
        return true;
    }

    /** A patient reference (local numeric id, or a kept Patient's id, with or without "Patient/") as the local patient. */
    Long patientOf(String value) {
        String id = SearchIndexer.normalize(value.trim());
        if (id.contains("/")) {
            if (!id.startsWith("Patient/")) {
                return null;
            }
            id = id.substring("Patient/".length());
        }
        if (id.matches("\\d{1,18}")) {
            return Long.parseLong(id);
        }
        var local = resources.locals("Patient", List.of(id)).get(id);
        return local == null ? null : local.patientId();
    }

    /** _include=Type:param[:Target] (the resources those references name) and _revinclude=Type:param (those naming these). */
    private List<StoredResource> includes(String type, HttpServletRequest request, List<StoredResource> matches, Set<Long> closed) {
        String[] inc = request.getParameterValues("_include");
        String[] rev = request.getParameterValues("_revinclude");
        if ((inc == null && rev == null) || matches.isEmpty()) {
            return List.of();
        }
        List<StoredResource> out = new ArrayList<>();
        Set<String> seen = matches.stream().map(r -> r.type() + "/" + r.fhirId()).collect(Collectors.toCollection(HashSet::new));
        if (inc != null) {
            Set<String> refs = new LinkedHashSet<>();
            for (String spec : inc) {
                String[] parts = spec.split(":");
                if (parts.length < 2 || !parts[0].equals(type) || indexer.params(type).get(parts[1]) == null
                        || indexer.params(type).get(parts[1]).kind() != SearchIndexer.Kind.REFERENCE) {
                    throw FhirSearchException.badParameter("_include", "Type:param with a reference parameter of " + type
                            + " (e.g. " + type + ":patient)");
                }
                String prefix = parts[1] + "=" + (parts.length > 2 ? parts[2] + "/" : "");
                for (StoredResource r : matches) {
                    for (String t : indexer.extract(parse(r)).terms()) {
                        if (t.startsWith(prefix)) {
                            refs.add(t.substring(parts[1].length() + 1));
                        }
                    }
                }
            }
            refs.removeAll(seen);
            access.removeClosed(refs, closed);
            for (StoredResource r : resources.byReferences(refs)) {
                if (seen.add(r.type() + "/" + r.fhirId())) {
                    out.add(r);
                }
            }
        }
        if (rev != null) {
            List<String> targets = matches.stream().map(r -> r.type() + "/" + r.fhirId()).toList();
            for (String spec : rev) {
                String[] parts = spec.split(":");
                if (parts.length != 2) {
                    throw FhirSearchException.badParameter("_revinclude", "Type:param (e.g. Provenance:target)");
                }
                requireType(parts[0]);
                SearchIndexer.Param p = indexer.params(parts[0]).get(parts[1]);
                if (p == null || p.kind() != SearchIndexer.Kind.REFERENCE) {
                    throw FhirSearchException.badParameter("_revinclude", parts[1].replaceAll("[^A-Za-z-]", "")
                            + " is not a reference parameter of " + parts[0]);
                }
                Page found = resources.search(new Query(parts[0], null, null,
                        List.of(targets.stream().map(t -> parts[1] + "=" + t).toList()), List.of(), null, null, null, null,
                        null, 0, MAX_COUNT, false, closed));
                for (StoredResource r : found.resources()) {
                    if (seen.add(r.type() + "/" + r.fhirId())) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /**
     * Patient/{id}/$everything: the patient's whole kept record, paged; {@code _since} and {@code _type} as FHIR R4 defines them.
     * The Bundle is written onto the response as it is built (a page of ~1,000 resources is ~1 MB of JSON): no
     * response-sized String, no second copy as bytes. Everything that can refuse the call (access, parameters,
     * an unknown patient) does so before the first byte, as an OperationOutcome.
     */
    void everything(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Long patientId = patientOf(id);
        if (patientId == null) {
            throw FhirResponses.notFound("Patient", id);
        }
        access.check(patientId); // a flagged chart (45 CFR 164.312(a)(2)(ii))
        for (String name : request.getParameterMap().keySet()) {
            if (!Set.of("_since", "_type", "_count", "_offset", "_format", "_elements").contains(name)) {
                throw FhirSearchException.badParameter(name, "not a parameter of $everything (supported: _since, _type, _count)");
            }
        }
        Instant since = null;
        String s = request.getParameter("_since");
        if (s != null) {
            Instant[] range = SearchParams.dateRange("_since", new String[] {"ge" + s});
            since = range[0];
        }
        Set<String> types = new LinkedHashSet<>();
        String t = request.getParameter("_type");
        if (t != null) {
            for (String type : t.split(",")) {
                requireType(type.trim());
                types.add(type.trim());
            }
        }
        int count = SearchParams.integer(request, "_count", EVERYTHING_COUNT, 1, MAX_COUNT);
        int offset = SearchParams.integer(request, "_offset", 0, 0, 10_000_000);
        Page page = resources.everything(patientId, since, types, offset, count);
        if (page.total() == 0 && offset == 0 && types.isEmpty() && since == null) {
            throw FhirResponses.notFound("Patient", id);
        }
        boolean xml = FhirResponses.wantsXml(request);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType((xml ? FhirResponses.FHIR_XML : FhirResponses.FHIR_JSON).toString());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8), 1 << 16);
        writeSearchset(out, null, request, page, List.of(), offset, count);
        out.flush();
    }

    private ResponseEntity<String> searchset(String type, HttpServletRequest request, Page page, List<StoredResource> included,
                                             int offset, int count) {
        StringBuilder sb = new StringBuilder(4096 + 2048 * (page.resources().size() + included.size()));
        Writer out = new Writer() {
            @Override
            public void write(char[] chars, int off, int len) {
                sb.append(chars, off, len);
            }

            @Override
            public void write(String str, int off, int len) {
                sb.append(str, off, off + len);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try {
            writeSearchset(out, type, request, page, included, offset, count);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by a StringBuilder
        }
        return ResponseEntity.ok().contentType(FhirResponses.wantsXml(request) ? FhirResponses.FHIR_XML : FhirResponses.FHIR_JSON)
                .body(sb.toString());
    }

    /** A searchset Bundle onto {@code w}: the kept JSON as it is when JSON of whole resources is asked for, else HAPI's encoding. */
    private void writeSearchset(Writer w, String type, HttpServletRequest request, Page page, List<StoredResource> included,
                                int offset, int count) throws IOException {
        String self = publicBase.requestUrl(request);
        String base = self.substring(0, self.indexOf("/fhir/r4") + "/fhir/r4".length());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.setTotal((int) Math.min(page.total(), Integer.MAX_VALUE));
        bundle.addLink().setRelation("self").setUrl(self + (request.getQueryString() == null ? "" : "?" + request.getQueryString()));
        if (count > 0 && offset + count < page.total() && !page.resources().isEmpty()) {
            bundle.addLink().setRelation("next").setUrl(self + "?" + withOffset(request, offset + count));
        }
        if (offset > 0 && count > 0) {
            bundle.addLink().setRelation("previous").setUrl(self + "?" + withOffset(request, Math.max(0, offset - count)));
        }
        Set<String> elements = type == null ? null : elements(type, request);
        boolean xml = FhirResponses.wantsXml(request);
        if (!xml && elements == null) {
            // The kept JSON goes out as it is: no parse and re-encode of every resource.
            String shell = fhir.newJsonParser().encodeResourceToString(bundle);
            w.write(shell, 0, shell.lastIndexOf('}'));
            w.write(",\"entry\":[");
            boolean first = true;
            for (StoredResource r : page.resources()) {
                first = entry(w, first, base, r, "match");
            }
            for (StoredResource r : included) {
                first = entry(w, first, base, r, "include");
            }
            w.write("]}");
            return;
        }
        for (StoredResource r : page.resources()) {
            add(bundle, base, r, Bundle.SearchEntryMode.MATCH);
        }
        for (StoredResource r : included) {
            add(bundle, base, r, Bundle.SearchEntryMode.INCLUDE);
        }
        parser(request, type, elements, true).encodeResourceToWriter(bundle, w);
    }

    private static boolean entry(Writer w, boolean first, String base, StoredResource r, String mode) throws IOException {
        if (!first) {
            w.write(',');
        }
        w.write("{\"fullUrl\":\"");
        w.write(base);
        w.write('/');
        w.write(r.type());
        w.write('/');
        w.write(r.fhirId());
        w.write("\",\"resource\":");
        w.write(r.json() == null ? "{\"resourceType\":\"" + r.type() + "\",\"id\":\"" + r.fhirId() + "\"}" : r.json());
        w.write(",\"search\":{\"mode\":\"");
        w.write(mode);
        w.write("\"}}");
        return false;
    }

    private void add(Bundle bundle, String base, StoredResource r, Bundle.SearchEntryMode mode) {
        Resource parsed = parse(r);
        bundle.addEntry().setFullUrl(base + "/" + r.type() + "/" + r.fhirId()).setResource(parsed).getSearch().setMode(mode);
    }

    private Resource parse(StoredResource r) {
        if (r.json() == null) {
            Resource empty = (Resource) fhir.getResourceDefinition(r.type()).newInstance();
            empty.setId(r.fhirId());
            return empty;
        }
        Resource parsed = (Resource) fhir.newJsonParser().parseResource(r.json());
        parsed.setId(r.fhirId());
        parsed.getMeta().setVersionId(String.valueOf(r.version()))
                .setLastUpdated(java.util.Date.from(r.lastUpdated()));
        return parsed;
    }

    /** _elements=a,b: the elements to return (id and meta always), as HAPI's encoder takes them; null for all. */
    private Set<String> elements(String type, HttpServletRequest request) {
        String e = request.getParameter("_elements");
        if (e == null) {
            return null;
        }
        Set<String> set = new LinkedHashSet<>();
        for (String element : e.split(",")) {
            String name = element.trim();
            if (!name.matches("[a-zA-Z][A-Za-z0-9]*")) {
                throw FhirSearchException.badParameter("_elements", "element names separated by commas");
            }
            set.add(type + "." + name);
        }
        return set;
    }

    private IParser parser(HttpServletRequest request, String type, Set<String> elements, boolean bundle) {
        IParser p = FhirResponses.wantsXml(request) ? fhir.newXmlParser() : fhir.newJsonParser();
        if (elements != null) {
            p.setEncodeElements(elements);
            p.setEncodeElementsAppliesToChildResourcesOnly(bundle);
        }
        return p;
    }

    private static String withOffset(HttpServletRequest request, int offset) {
        Map<String, String[]> values = new LinkedHashMap<>(request.getParameterMap());
        values.remove("_offset");
        StringBuilder sb = new StringBuilder();
        values.forEach((k, vs) -> {
            for (String v : vs) {
                sb.append(sb.isEmpty() ? "" : "&").append(encode(k)).append('=').append(encode(v));
            }
        });
        return sb.append(sb.isEmpty() ? "" : "&").append("_offset=").append(offset).toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
