package org.custodian.interop.internal.fhir;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * FHIR Bulk Data Access (async pattern): kick-off answers 202 with Content-Location; the status
 * URL answers 202 while the job runs and then the manifest; the files are NDJSON. A bulk export is
 * a system-level feed, so it demands interface:manage rather than chart:read.
 */
@Tag(name = "FHIR R4 bulk data", description = "FHIR Bulk Data Access ($export) of the patient population, as NDJSON files.")
@RestController
@RequestMapping("/fhir/r4")
class FhirExportController implements FhirEndpoint {

    private static final MediaType NDJSON = MediaType.parseMediaType("application/fhir+ndjson");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FhirExport export;
    private final SearchIndexer indexer;
    private final FhirResponses fhir;
    private final PublicBaseUrl publicBase;

    FhirExportController(FhirExport export, FhirResponses fhir, PublicBaseUrl publicBase, SearchIndexer indexer) {
        this.export = export;
        this.indexer = indexer;
        this.fhir = fhir;
        this.publicBase = publicBase;
    }

    @Operation(summary = "Start a bulk export of all patients' data (FHIR Bulk Data, asynchronous; system level /$export the same)")
    @GetMapping({"/Patient/$export", "/$export"})
    @PreAuthorize("hasAuthority('fhir:export')")
    ResponseEntity<String> kickOff(HttpServletRequest request) {
        for (String name : request.getParameterMap().keySet()) {
            if (!name.equals("_type") && !name.equals("_outputFormat")) {
                throw FhirSearchException.badParameter(name, "not supported by $export (supported: _type, _outputFormat)");
            }
        }
        String format = request.getParameter("_outputFormat");
        if (format != null && !List.of("application/fhir+ndjson", "application/ndjson", "ndjson").contains(format)) {
            throw FhirSearchException.badParameter("_outputFormat", "only application/fhir+ndjson");
        }
        String requested = request.getParameter("_type");
        List<String> types;
        if (requested == null) {
            types = export.allTypes();
        } else {
            types = new ArrayList<>();
            for (String t : requested.split(",")) {
                if (!FhirExport.TYPES.contains(t.trim()) && !indexer.isType(t.trim())) {
                    throw FhirSearchException.badParameter("_type", "FHIR R4 resource types, e.g. " + String.join(",", export.allTypes()));
                }
                if (!types.contains(t.trim())) {
                    types.add(t.trim());
                }
            }
        }
        UUID id = export.start(types);
        return ResponseEntity.accepted().header("Content-Location", base(request) + "/$export-status/" + id).build();
    }

    @Operation(summary = "Poll a bulk export: in progress, or the list of NDJSON files")
    @GetMapping("/$export-status/{id}")
    @PreAuthorize("hasAuthority('fhir:export')")
    ResponseEntity<String> status(@PathVariable String id, HttpServletRequest request) {
        FhirExport.Job job = export.job(uuid(id)).orElseThrow(() -> new FhirSearchException(404, IssueType.NOTFOUND, "no such export job"));
        return switch (job.status()) {
            case "IN_PROGRESS" -> ResponseEntity.accepted().header("X-Progress", "in progress").header("Retry-After", "1").build();
            case "FAILED" -> fhir.respond(500, new FhirSearchException(500, IssueType.EXCEPTION,
                    "the export failed (" + job.error() + ")").outcome(), request);
            default -> {
                Map<String, Object> manifest = new LinkedHashMap<>();
                manifest.put("transactionTime", job.requestedAt().toString());
                manifest.put("request", base(request) + "/Patient/$export");
                manifest.put("requiresAccessToken", true);
                List<Map<String, Object>> output = new ArrayList<>();
                List<Map<String, Object>> errors = new ArrayList<>();
                job.files().forEach((type, count) -> (type.equals(FhirExport.WITHHELD) ? errors : output).add(Map.of(
                        "type", type, "count", count,
                        "url", base(request) + "/$export-file/" + job.id() + "/" + type + ".ndjson")));
                manifest.put("output", output);
                // Bulk Data: "error" lists OperationOutcome files; here they say what segmentation withheld.
                manifest.put("error", errors);
                yield ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(manifest));
            }
        };
    }

    /** The file streamed part by part as stored: a file of any size passes through one part at a time. */
    @Operation(summary = "Download one NDJSON file of a finished bulk export")
    @GetMapping("/$export-file/{id}/{file}")
    @PreAuthorize("hasAuthority('fhir:export')")
    void file(@PathVariable String id, @PathVariable String file, HttpServletResponse response) throws IOException {
        String type = file.endsWith(".ndjson") ? file.substring(0, file.length() - ".ndjson".length()) : file;
        FhirExport.FileParts parts = export.file(uuid(id), type)
                .orElseThrow(() -> new FhirSearchException(404, IssueType.NOTFOUND, "no such export file"));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(NDJSON.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        export.write(parts, response.getOutputStream());
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new FhirSearchException(404, IssueType.NOTFOUND, "no such export job");
        }
    }

    private String base(HttpServletRequest request) {
        String url = publicBase.requestUrl(request);
        return url.substring(0, url.indexOf("/fhir/r4") + "/fhir/r4".length());
    }
}
