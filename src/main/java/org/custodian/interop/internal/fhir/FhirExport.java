package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartSearch;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.DocumentSummary;
import org.custodian.chart.Encounter;
import org.custodian.chart.FindingKind;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientFinder;
import org.custodian.privacy.ConfidentialityFlags;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * FHIR Bulk Data export ({@code Patient/$export}): a job runs in the background as the user who
 * asked (so every read in it is audited as theirs), writes one NDJSON file per resource type, and
 * is polled by its status URL. A file is written as it goes, in parts of at most
 * {@code custodian.fhir.export.part-size} resources ({@code fhir_export_part}; whole lines only),
 * so that an export of every patient of a hospital never holds more than a part per type in
 * memory; {@code fhir_export_file} lists the files and their counts for the manifest, and a
 * download streams the parts in order. Documents are exported as their
 * index entries (type, date, author, status) without the note text, which stays behind the
 * audited single read (minimum necessary, 45 CFR 164.514(d)). Sensitive records are withheld
 * (see {@link Withheld}).
 */
@Service
class FhirExport implements DisposableBean {

    /** The file of OperationOutcomes naming what segmentation withheld (the manifest's "error"). */
    static final String WITHHELD = "OperationOutcome";

    /** The types built from the chart's own tables (every patient, however registered); every other type is a kept resource. */
    static final List<String> TYPES = List.of("Patient", "Encounter", "Condition", "Procedure", "DocumentReference");
    private static final int PAGE = 500;

    record Job(UUID id, String requestedBy, String status, java.time.Instant requestedAt, java.time.Instant completedAt,
               String error, Map<String, Integer> files) {
    }

    /** A file of a finished export, to be downloaded: its parts' numbers in order. */
    record FileParts(UUID job, String type, List<Integer> parts) {
    }

    private final JdbcClient jdbc;
    private final PatientFinder patients;
    private final ChartSearch charts;
    private final ChartFindings findings;
    private final SensitivityTags sensitivity;
    private final org.custodian.chart.ClinicalResources kept;
    private final AuditTrail audit;
    private final FhirContext fhir;
    private final Clock clock;
    private final int partSize;
    private final ConfidentialityFlags flags;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fhir-export");
        t.setDaemon(true);
        return t;
    });

    FhirExport(JdbcClient jdbc, PatientFinder patients, ChartSearch charts, ChartFindings findings,
               SensitivityTags sensitivity, org.custodian.chart.ClinicalResources kept, AuditTrail audit, FhirContext fhir, Clock clock,
               FhirExportSettings settings, ConfidentialityFlags flags) {
        this.flags = flags;
        this.partSize = settings.partSize();
        this.sensitivity = sensitivity;
        this.kept = kept;
        this.jdbc = jdbc;
        this.patients = patients;
        this.charts = charts;
        this.findings = findings;
        this.audit = audit;
        this.fhir = fhir;
        this.clock = clock;
    }

    /**
     * The types an export without {@code _type} writes: the chart's, then every other type kept
     * (Observation, MedicationRequest, Immunization, Claim, ... whatever arrived; issue 15).
     */
    List<String> allTypes() {
        List<String> all = new ArrayList<>(TYPES);
        for (String t : kept.keptTypes()) {
            if (!all.contains(t)) {
                all.add(t);
            }
        }
        return all;
    }

    /**
     * A bulk export is authorized for the whole population by {@code fhir:export} (the organization's access
     * authorization, 45 CFR 164.308(a)(4)(ii)(B)), not a user's opening of a chart: flagged patients are kept
     * in it without break-the-glass (45 CFR 164.312(a)(2)(ii) is a person's emergency access), and each
     * is named in an audit event of its own for the privacy officer's review (45 CFR 164.312(b)).
     */
    private void auditConfidential(List<Patient> page) {
        Set<String> closing = new java.util.HashSet<>();
        flags.kinds().stream().filter(ConfidentialityFlags.FlagKind::requiresBreakGlass).forEach(k -> closing.add(k.code()));
        flags.activeKinds(page.stream().map(Patient::id).toList()).forEach((patientId, kinds) -> {
            if (kinds.stream().anyMatch(closing::contains)) {
                audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, patientId, "Patient", patientId,
                        "bulk export of a confidential chart (" + String.join(", ", kinds)
                                + "): authorized for the whole population, no break-the-glass");
            }
        });
    }

    UUID start(List<String> types) {
        UUID id = UUID.randomUUID();
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        jdbc.sql("insert into fhir_export_job (id, requested_by, requested_at, status) values (?, ?, ?, 'IN_PROGRESS')")
                .params(id, user, clock.instant().atOffset(ZoneOffset.UTC)).update();
        worker.submit(new DelegatingSecurityContextRunnable(() -> run(id, types)));
        return id;
    }

    Optional<Job> job(UUID id) {
        return jdbc.sql("select id, requested_by, status, requested_at, completed_at, error from fhir_export_job where id = ?")
                .param(id)
                .query((rs, i) -> new Job(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(5, java.time.OffsetDateTime.class) == null ? null : rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(6), files(id)))
                .optional();
    }

    private Map<String, Integer> files(UUID id) {
        Map<String, Integer> files = new LinkedHashMap<>();
        jdbc.sql("select resource_type, resources from fhir_export_file where job_id = ? order by resource_type").param(id)
                .query((rs, i) -> files.put(rs.getString(1), rs.getInt(2))).list();
        return files;
    }

    /** A file of the job, its download audited (in the caller's thread: the user who downloads). */
    Optional<FileParts> file(UUID id, String type) {
        boolean exists = jdbc.sql("select count(*) from fhir_export_file where job_id = ? and resource_type = ?")
                .params(id, type).query(Long.class).single() > 0;
        if (!exists) {
            return Optional.empty();
        }
        audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, null, type, id, "bulk export file downloaded");
        return Optional.of(new FileParts(id, type, jdbc.sql(
                        "select part from fhir_export_part where job_id = ? and resource_type = ? order by part")
                .params(id, type).query(Integer.class).list()));
    }

    /** Writes the file's parts in order, reading one part at a time. */
    void write(FileParts file, OutputStream out) throws IOException {
        for (int part : file.parts()) {
            String body = jdbc.sql("select body from fhir_export_part where job_id = ? and resource_type = ? and part = ?")
                    .params(file.job(), file.type(), part).query(String.class).single();
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private void run(UUID id, List<String> types) {
        try {
            Map<String, NdjsonFile> out = new LinkedHashMap<>();
            for (String t : types) {
                out.put(t, new NdjsonFile(id, t));
            }
            Withheld withheld = new Withheld();
            // Kept resources of the other types: those of each page's patients, then those of no patient.
            Set<String> keptTypes = new java.util.LinkedHashSet<>(types);
            keptTypes.removeAll(TYPES);
            IParser json = fhir.newJsonParser().setPrettyPrint(false);
            PatientFinder.Criteria all = new PatientFinder.Criteria(null, null, null, null, null, null, null);
            for (int offset = 0; ; offset += PAGE) {
                List<Patient> page = patients.find(all, offset, PAGE);
                auditConfidential(page);
                for (Patient p : page) {
                    if (out.containsKey("Patient")) {
                        out.get("Patient").add(json.encodeResourceToString(FhirResources.patient(p)));
                    }
                    // Encounters (and their tags) are read only for the types that need them: an
                    // export of patients alone reads, and audits, no encounter search per patient.
                    boolean needEncounters = out.containsKey("Encounter") || out.containsKey("Condition")
                            || out.containsKey("Procedure");
                    List<Encounter> encounters = needEncounters ? charts.encounters(
                            new ChartSearch.EncounterCriteria(p.id(), null, null, null), true, 0, Integer.MAX_VALUE) : List.of();
                    Map<Long, Set<Sensitivity>> encounterTags = sensitivity.ofEncounters(
                            encounters.stream().map(Encounter::id).toList());
                    if (out.containsKey("Encounter")) {
                        for (Encounter e : encounters) {
                            if (!withheld.count("Encounter", encounterTags.get(e.id()))) {
                                out.get("Encounter").add(json.encodeResourceToString(FhirResources.encounter(e)));
                            }
                        }
                    }
                    for (FindingKind kind : List.of(FindingKind.CONDITION, FindingKind.PROCEDURE)) {
                        String type = kind == FindingKind.CONDITION ? "Condition" : "Procedure";
                        if (!out.containsKey(type)) {
                            continue;
                        }
                        for (CodedFinding f : findings.forPatient(p.id(), kind, 0, Integer.MAX_VALUE)) {
                            Set<Sensitivity> tags = f.encounterId() == null ? null : encounterTags.get(f.encounterId());
                            if (!withheld.count(type, tags)) {
                                out.get(type).add(json.encodeResourceToString(
                                        kind == FindingKind.CONDITION ? FhirResources.condition(f) : FhirResources.procedure(f)));
                            }
                        }
                    }
                    if (out.containsKey("DocumentReference")) {
                        List<DocumentSummary> documents = charts.documentsToSegment(
                                new ChartSearch.DocumentCriteria(p.id(), null, null, null), true, 0, Integer.MAX_VALUE);
                        Map<Long, Set<Sensitivity>> documentTags = sensitivity.ofDocuments(
                                documents.stream().map(DocumentSummary::id).toList());
                        for (DocumentSummary d : documents) {
                            if (!withheld.count("DocumentReference", documentTags.get(d.id()))) {
                                out.get("DocumentReference").add(json.encodeResourceToString(FhirResources.document(d)));
                            }
                        }
                    }
                }
                for (org.custodian.chart.ClinicalResources.Tagged t : kept.ofPatients(page.stream().map(Patient::id).toList(), keptTypes)) {
                    if (t.resource().json() != null && !withheld.count(t.resource().type(), t.tags())) {
                        out.get(t.resource().type()).add(t.resource().json().replace('\n', ' '));
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            for (long after = 0; ; ) {
                List<org.custodian.chart.ClinicalResources.StoredResource> shared = kept.shared(keptTypes, after, PAGE);
                for (var r : shared) {
                    if (r.json() != null) {
                        out.get(r.type()).add(r.json().replace('\n', ' '));
                    }
                    after = r.id();
                }
                if (shared.size() < PAGE) {
                    break;
                }
            }
            List<NdjsonFile> files = new ArrayList<>(out.values());
            if (!withheld.byCategory.isEmpty()) {
                NdjsonFile outcomes = new NdjsonFile(id, WITHHELD);
                withheld.writeTo(outcomes, json);
                files.add(outcomes);
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (NdjsonFile f : files) {
                f.close();
                if (!f.type.equals(WITHHELD)) {
                    counts.put(f.type, f.resources);
                }
            }
            jdbc.sql("update fhir_export_job set status = 'COMPLETE', completed_at = ? where id = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
            audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, null, "Bundle", id,
                    "bulk export " + counts + (withheld.byCategory.isEmpty() ? "" : " withheld " + withheld.byCategory));
        } catch (RuntimeException e) {
            // The message may quote data; the job keeps only the kind of failure.
            jdbc.sql("update fhir_export_job set status = 'FAILED', completed_at = ?, error = ? where id = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), e.getClass().getSimpleName(), id).update();
            // A failed job has no files: the parts written so far go.
            jdbc.sql("delete from fhir_export_part where job_id = ?").param(id).update();
        }
    }

    /**
     * Segmentation of a bulk export. An export for analytics or research carries no consent or
     * authorization of its own, so records under a special protection stay out of it: Part 2
     * substance use disorder records need the patient's specific consent (42 CFR 2.31; 2.52 for
     * research), psychotherapy notes a specific authorization (45 CFR 164.508(a)(2)), and the
     * state-law categories the same as a release of information withholds. Conditions and
     * procedures recorded in a withheld encounter would tell the same thing and go with it. What
     * was withheld is listed, by category and resource type, in the manifest's error file.
     */
    private static final class Withheld {
        final Map<String, Integer> byCategory = new LinkedHashMap<>();

        /** True (and counted) when the resource is to be withheld. */
        boolean count(String type, Set<Sensitivity> tags) {
            if (tags == null || tags.isEmpty()) {
                return false;
            }
            for (Sensitivity tag : tags) {
                byCategory.merge(type + "|" + tag.name(), 1, Integer::sum);
            }
            return true;
        }

        void writeTo(NdjsonFile file, IParser json) {
            byCategory.forEach((key, n) -> {
                String type = key.substring(0, key.indexOf('|'));
                Sensitivity tag = Sensitivity.valueOf(key.substring(key.indexOf('|') + 1));
                OperationOutcome o = new OperationOutcome();
                o.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.SUPPRESSED)
                        .setDiagnostics(n + " " + type + " withheld: " + tag.label() + " (" + tag.rule() + ")")
                        .addExpression(type);
                file.add(json.encodeResourceToString(o));
            });
        }
    }

    /**
     * One NDJSON file of a job being written: lines are buffered up to a part and each full part is
     * stored at once, so the export holds at most a part per file in memory. A part ends with a
     * whole line: no resource is split across parts.
     */
    private final class NdjsonFile {
        final UUID job;
        final String type;
        final StringBuilder part = new StringBuilder();
        int inPart;
        int parts;
        int resources;

        NdjsonFile(UUID job, String type) {
            this.job = job;
            this.type = type;
        }

        void add(String line) {
            part.append(line).append('\n');
            inPart++;
            resources++;
            if (inPart == partSize) {
                flush();
            }
        }

        private void flush() {
            if (inPart == 0) {
                return;
            }
            parts++;
            jdbc.sql("insert into fhir_export_part (job_id, resource_type, part, resources, body) values (?, ?, ?, ?, ?)")
                    .params(job, type, parts, inPart, part.toString()).update();
            part.setLength(0);
            inPart = 0;
        }

        /** The last part, and the file's entry in the manifest. */
        void close() {
            flush();
            jdbc.sql("insert into fhir_export_file (job_id, resource_type, resources) values (?, ?, ?)")
                    .params(job, type, resources).update();
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
