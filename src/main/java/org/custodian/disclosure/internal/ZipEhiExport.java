package org.custodian.disclosure.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.custodian.Actor;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.Chart;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.ClinicalResources.Page;
import org.custodian.chart.ClinicalResources.StoredResource;
import org.custodian.chart.DocumentSummary;
import org.custodian.disclosure.EhiExport;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The single-patient EHI export as a zip (45 CFR 170.315(b)(10)(i)): the kept clinical resources
 * read as {@code Patient/$everything} reads them (page by page), one NDJSON file per type; the
 * text of every document of the legal health record; the format's README and a manifest.
 */
@Service
class ZipEhiExport implements EhiExport {

    private static final int PAGE = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ClinicalResources resources;
    private final ChartService charts;
    private final PatientRegistry patients;
    private final AuditTrail audit;
    private final Clock clock;

    ZipEhiExport(ClinicalResources resources, ChartService charts, PatientRegistry patients, AuditTrail audit, Clock clock) {
        this.resources = resources;
        this.charts = charts;
        this.patients = patients;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public byte[] export(long patientId) {
        Patient patient = patients.find(patientId).orElseThrow(() -> new PatientNotFoundException(patientId));
        Map<String, StringBuilder> ndjson = new TreeMap<>();
        int offset = 0;
        while (true) {
            Page page = resources.everything(patientId, null, Set.of(), offset, PAGE);
            for (StoredResource r : page.resources()) {
                if (r.json() != null) { // destroyed at the end of its retention: no longer held
                    ndjson.computeIfAbsent(r.type(), t -> new StringBuilder()).append(r.json().replace('\n', ' ')).append('\n');
                }
            }
            offset += page.resources().size();
            if (page.resources().isEmpty() || offset >= page.total()) {
                break;
            }
        }
        Chart chart = charts.chart(patientId);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", "Custodian EHI export 1 (README.md)");
        manifest.put("patientId", patientId);
        manifest.put("patient", patient.displayName());
        manifest.put("mrn", patient.mrn());
        manifest.put("exportedAt", clock.instant().toString());
        manifest.put("exportedBy", Actor.current());
        ArrayNode files = manifest.putArray("files");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int resourceCount = 0;
        int documentCount = 0;
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            put(zip, "README.md", readme());
            for (Map.Entry<String, StringBuilder> e : ndjson.entrySet()) {
                String name = "fhir/" + e.getKey() + ".ndjson";
                String body = e.getValue().toString();
                int lines = (int) body.chars().filter(c -> c == '\n').count();
                resourceCount += lines;
                put(zip, name, body.getBytes(StandardCharsets.UTF_8));
                files.addObject().put("path", name).put("resourceType", e.getKey()).put("resources", lines);
            }
            for (DocumentSummary d : chart.documents()) {
                if (!d.status().released()) {
                    continue; // a draft is not part of the legal health record
                }
                ClinicalDocument c = charts.document(d.id());
                String name = "documents/" + c.id() + ".txt";
                byte[] body = document(c, chart).getBytes(StandardCharsets.UTF_8);
                put(zip, name, body);
                files.addObject().put("path", name).put("documentType", c.type().title()).put("bytes", body.length);
                documentCount++;
            }
            put(zip, "manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, patientId, "EhiExport", patientId,
                "single-patient EHI export (45 CFR 170.315(b)(10)): " + resourceCount + " FHIR resources in " + ndjson.size()
                        + " types, " + documentCount + " documents");
        return bytes.toByteArray();
    }

    private static String document(ClinicalDocument c, Chart chart) {
        String encounter = c.encounterId() == null ? "" : chart.encounters().stream().filter(e -> e.id() == c.encounterId())
                .map(e -> e.encounterNumber()).findFirst().orElse(String.valueOf(c.encounterId()));
        return "Type: " + c.type().title() + " (LOINC " + c.loincCode() + ")\n"
                + "Title: " + c.title() + "\n"
                + "Author: " + c.author() + "\n"
                + "Created: " + c.createdAt() + "\n"
                + "Status: " + c.status().name().toLowerCase() + (c.signedBy() == null ? "" : ", signed by " + c.signedBy() + " " + c.signedAt()) + "\n"
                + "Encounter: " + encounter + "\n"
                + "\n" + (c.text() == null ? "" : c.text()) + "\n";
    }

    private static void put(ZipOutputStream zip, String name, byte[] body) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(body);
        zip.closeEntry();
    }

    private static byte[] readme() throws IOException {
        try (InputStream in = ZipEhiExport.class.getResourceAsStream("/disclosure/ehi-export-README.md")) {
            if (in == null) {
                throw new IOException("the export's README is missing from the application");
            }
            return in.readAllBytes();
        }
    }
}
