package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
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
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * FHIR Bulk Data export ({@code Patient/$export}): a job runs in the background as the user who
 * asked (so every read in it is audited as theirs), writes one NDJSON file per resource type into
 * {@code fhir_export_file}, and is polled by its status URL. Documents are exported as their
 * index entries (type, date, author, status) without the note text, which stays behind the
 * audited single read (minimum necessary, 45 CFR 164.514(d)). Sensitive records are withheld
 * (see {@link Withheld}).
 */
@Service
class FhirExport implements DisposableBean {

    /** The file of OperationOutcomes naming what segmentation withheld (the manifest's "error"). */
    static final String WITHHELD = "OperationOutcome";

    static final List<String> TYPES = List.of("Patient", "Encounter", "Condition", "Procedure", "DocumentReference");
    private static final int PAGE = 500;

    record Job(UUID id, String requestedBy, String status, java.time.Instant requestedAt, java.time.Instant completedAt,
               String error, Map<String, Integer> files) {
    }

    private final JdbcClient jdbc;
    private final PatientFinder patients;
    private final ChartSearch charts;
    private final ChartFindings findings;
    private final SensitivityTags sensitivity;
    private final AuditTrail audit;
    private final FhirContext fhir;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fhir-export");
        t.setDaemon(true);
        return t;
    });

    FhirExport(JdbcClient jdbc, PatientFinder patients, ChartSearch charts, ChartFindings findings,
               SensitivityTags sensitivity, AuditTrail audit, FhirContext fhir, Clock clock) {
        this.sensitivity = sensitivity;
        this.jdbc = jdbc;
        this.patients = patients;
        this.charts = charts;
        this.findings = findings;
        this.audit = audit;
        this.fhir = fhir;
        this.clock = clock;
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

    Optional<String> file(UUID id, String type) {
        Optional<String> body = jdbc.sql("select body from fhir_export_file where job_id = ? and resource_type = ?")
                .params(id, type).query(String.class).optional();
        body.ifPresent(b -> audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, null, type, id,
                "bulk export file downloaded"));
        return body;
    }

    private void run(UUID id, List<String> types) {
        try {
            Map<String, StringBuilder> out = new LinkedHashMap<>();
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String t : types) {
                out.put(t, new StringBuilder());
                counts.put(t, 0);
            }
            Withheld withheld = new Withheld();
            IParser json = fhir.newJsonParser().setPrettyPrint(false);
            PatientFinder.Criteria all = new PatientFinder.Criteria(null, null, null, null, null, null, null);
            for (int offset = 0; ; offset += PAGE) {
                List<Patient> page = patients.find(all, offset, PAGE);
                for (Patient p : page) {
                    if (out.containsKey("Patient")) {
                        add(out, counts, "Patient", json.encodeResourceToString(FhirResources.patient(p)));
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
                                add(out, counts, "Encounter", json.encodeResourceToString(FhirResources.encounter(e)));
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
                                add(out, counts, type, json.encodeResourceToString(
                                        kind == FindingKind.CONDITION ? FhirResources.condition(f) : FhirResources.procedure(f)));
                            }
                        }
                    }
                    if (out.containsKey("DocumentReference")) {
                        List<DocumentSummary> documents = charts.documents(
                                new ChartSearch.DocumentCriteria(p.id(), null, null, null), true, 0, Integer.MAX_VALUE);
                        Map<Long, Set<Sensitivity>> documentTags = sensitivity.ofDocuments(
                                documents.stream().map(DocumentSummary::id).toList());
                        for (DocumentSummary d : documents) {
                            if (!withheld.count("DocumentReference", documentTags.get(d.id()))) {
                                add(out, counts, "DocumentReference", json.encodeResourceToString(FhirResources.document(d)));
                            }
                        }
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            List<Object[]> rows = new ArrayList<>();
            out.forEach((t, body) -> rows.add(new Object[] {id, t, counts.get(t), body.toString()}));
            if (!withheld.byCategory.isEmpty()) {
                rows.add(new Object[] {id, WITHHELD, withheld.byCategory.size(), withheld.outcome(json)});
            }
            for (Object[] r : rows) {
                jdbc.sql("insert into fhir_export_file (job_id, resource_type, resources, body) values (?, ?, ?, ?)")
                        .params(r).update();
            }
            jdbc.sql("update fhir_export_job set status = 'COMPLETE', completed_at = ? where id = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), id).update();
            audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, null, "Bundle", id,
                    "bulk export " + counts + (withheld.byCategory.isEmpty() ? "" : " withheld " + withheld.byCategory));
        } catch (RuntimeException e) {
            // The message may quote data; the job keeps only the kind of failure.
            jdbc.sql("update fhir_export_job set status = 'FAILED', completed_at = ?, error = ? where id = ?")
                    .params(clock.instant().atOffset(ZoneOffset.UTC), e.getClass().getSimpleName(), id).update();
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

        String outcome(IParser json) {
            StringBuilder lines = new StringBuilder();
            byCategory.forEach((key, n) -> {
                String type = key.substring(0, key.indexOf('|'));
                Sensitivity tag = Sensitivity.valueOf(key.substring(key.indexOf('|') + 1));
                OperationOutcome o = new OperationOutcome();
                o.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                        .setCode(OperationOutcome.IssueType.SUPPRESSED)
                        .setDiagnostics(n + " " + type + " withheld: " + tag.label() + " (" + tag.rule() + ")")
                        .addExpression(type);
                lines.append(json.encodeResourceToString(o)).append('\n');
            });
            return lines.toString();
        }
    }

    private static void add(Map<String, StringBuilder> out, Map<String, Integer> counts, String type, String line) {
        out.get(type).append(line).append('\n');
        counts.merge(type, 1, Integer::sum);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
