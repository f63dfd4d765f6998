package org.custodian.chart.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.RecordCategory;
import org.custodian.chart.RecordEntry;
import org.custodian.chart.Sensitivity;
import org.custodian.staff.ProviderDirectory;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The kept clinical resources in {@code clinical_resource}: new rows written with PostgreSQL
 * {@code COPY} (the bulk path of an import), re-sent ones compared in one batched update (same
 * content: unchanged; other content: the next version). Reads audit one event per patient.
 */
@Service
class JdbcClinicalResources implements ClinicalResources {

    private static final String COLUMNS = "id, resource_type, fhir_id, version, last_updated, patient_id, encounter_id,"
            + " case when destroyed_at is null then resource::text end";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final DataSource dataSource;
    private final AuditTrail audit;
    private final Clock clock;

    private final ca.uhn.fhir.context.FhirContext fhir;
    private final ProviderDirectory directory;

    JdbcClinicalResources(JdbcClient jdbc, JdbcTemplate batch, DataSource dataSource, AuditTrail audit, Clock clock,
                          ca.uhn.fhir.context.FhirContext fhir, ProviderDirectory directory) {
        this.fhir = fhir;
        this.directory = directory;
        this.jdbc = jdbc;
        this.batch = batch;
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public List<Outcome> storeAll(List<NewResource> resources) {
        List<Outcome> outcomes = new ArrayList<>(resources.size());
        if (resources.isEmpty()) {
            return outcomes;
        }
        // Found by (type, id): the id is derived from the source key (NewResource), so one unique index does for both.
        Map<String, Object[]> existing = new HashMap<>();
        jdbc.sql("""
                        select r.resource_type, r.fhir_id, r.id, r.source_key from clinical_resource r
                        join unnest(?::text[], ?::text[]) as k(t, f) on r.resource_type = k.t and r.fhir_id = k.f""")
                .params(resources.stream().map(NewResource::type).toArray(String[]::new),
                        resources.stream().map(NewResource::fhirId).toArray(String[]::new))
                .query((rs, i) -> existing.put(rs.getString(1) + " " + rs.getString(2), new Object[] {rs.getLong(3), rs.getString(4)}))
                .list();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        ClinicalSensitivityRules rules = ClinicalSensitivityRules.load(jdbc);
        List<NewResource> fresh = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        List<Integer> updateIndexes = new ArrayList<>();
        for (int i = 0; i < resources.size(); i++) {
            NewResource r = resources.get(i);
            Object[] kept = existing.get(r.type() + " " + r.fhirId());
            if (kept != null && !kept[1].equals(r.sourceKey())) {
                throw new IllegalArgumentException(r.type() + "/" + r.fhirId() + " is kept already, from another source");
            }
            Long id = kept == null ? null : (Long) kept[0];
            if (id == null) {
                fresh.add(r);
                outcomes.add(Outcome.CREATED);
            } else {
                outcomes.add(Outcome.UNCHANGED);
                updateIndexes.add(i);
                updates.add(new Object[] {r.json(), now, r.patientId(), r.encounterId(), r.status(), Rows.utc(r.dateStart()),
                        Rows.utc(r.dateEnd()), String.join("\u001f", r.terms()),
                        String.join("\u001f", rules.tags(r.type(), r.terms())), String.join("\u001f", sharedRefs(r.terms())), id,
                        r.json()});
            }
        }
        if (!updates.isEmpty()) {
            int[][] counts = batch.batchUpdate("""
                    update clinical_resource set resource = ?::jsonb, version = version + 1, last_updated = ?,
                        patient_id = coalesce(?, patient_id), encounter_id = coalesce(?, encounter_id), status = ?,
                        date_start = ?, date_end = ?, terms = string_to_array(?, chr(31)),
                        sensitivity = string_to_array(?, chr(31)), shared_refs = nullif(string_to_array(?, chr(31)), '{}')
                    where id = ? and destroyed_at is null and resource <> ?::jsonb""", updates, 500, (ps, row) -> {
                for (int k = 0; k < row.length; k++) {
                    ps.setObject(k + 1, row[k]);
                }
            });
            int n = 0;
            for (int[] chunk : counts) {
                for (int c : chunk) {
                    if (c > 0) {
                        outcomes.set(updateIndexes.get(n), Outcome.UPDATED);
                    }
                    n++;
                }
            }
        }
        if (!fresh.isEmpty()) {
            copy(fresh, now, rules);
        }
        auditStored(resources, outcomes);
        return outcomes;
    }

    /** New rows in one binary COPY on the caller's transaction's connection. */
    private void copy(List<NewResource> fresh, OffsetDateTime now, ClinicalSensitivityRules rules) {
        Instant at = now.toInstant();
        Connection con = DataSourceUtils.getConnection(dataSource);
        org.postgresql.copy.CopyIn in = null;
        try {
            in = con.unwrap(PGConnection.class).getCopyAPI().copyIn("copy clinical_resource (" + ResourceCopy.COLUMNS
                    + ") from stdin with (format binary)");
            ResourceCopy rows = new ResourceCopy(in);
            for (NewResource r : fresh) {
                rows.row(r.type(), r.fhirId(), r.source(), r.sourceKey(), at, r.patientId(), r.encounterId(), r.status(),
                        r.dateStart(), r.dateEnd(), r.terms(), rules.tags(r.type(), r.terms()), sharedRefs(r.terms()), r.json());
            }
            rows.finish();
            in = null;
        } catch (SQLException | ArithmeticException e) {
            throw new org.springframework.dao.DataIntegrityViolationException("COPY of clinical resources failed: " + e.getMessage(), e);
        } finally {
            if (in != null && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the transaction is rolled back anyway
                }
            }
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    /** The types of the resources a record names that belong to no patient ($everything adds them, V168). */
    static final List<String> SHARED_TYPES = List.of("Organization", "Practitioner", "PractitionerRole", "Location", "Medication",
            "Substance", "HealthcareService", "Device");

    /**
     * The "Type/id" references of the search terms ("param=Type/id") to resources of {@link #SHARED_TYPES},
     * kept beside the terms so that $everything reads them without splitting every term of a record.
     */
    static List<String> sharedRefs(List<String> terms) {
        List<String> refs = null;
        for (String t : terms) {
            int eq = t.indexOf('=');
            int slash = eq < 0 ? -1 : t.indexOf('/', eq + 1);
            if (slash > 0 && SHARED_TYPES.contains(t.substring(eq + 1, slash))) {
                String ref = t.substring(eq + 1);
                if (refs == null) {
                    refs = new ArrayList<>(2);
                }
                if (!refs.contains(ref)) {
                    refs.add(ref);
                }
            }
        }
        return refs == null ? List.of() : refs;
    }

    /** One CREATE (or UPDATE) event per patient and type, with the count: who brought what into whose record. */
    private void auditStored(List<NewResource> resources, List<Outcome> outcomes) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Long> patients = new HashMap<>();
        for (int i = 0; i < resources.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o == Outcome.UNCHANGED) {
                continue;
            }
            NewResource r = resources.get(i);
            String key = o + " " + r.patientId() + " " + r.type();
            counts.computeIfAbsent(key, k -> new int[1])[0]++;
            patients.put(key, r.patientId());
        }
        List<AuditEntry> entries = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] parts = key.split(" ");
            AuditAction action = parts[0].equals("CREATED") ? AuditAction.CREATE : AuditAction.UPDATE;
            entries.add(audit.entry(action, AuditOutcome.SUCCESS, patients.get(key), parts[2], null,
                    (action == AuditAction.CREATE ? "stored " : "new version of ") + n[0] + " " + parts[2]));
        });
        if (!entries.isEmpty()) {
            audit.recordAll(entries);
        }
    }

    @Override
    public void linkDocuments(Collection<DocumentCopy> copies) {
        if (copies.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update clinical_resource r set document_id = k.d
                        from unnest(?::text[], ?::text[], ?::bigint[]) as k(t, i, d)
                        where r.resource_type = k.t and r.fhir_id = k.i and r.document_id is distinct from k.d""")
                .params(copies.stream().map(DocumentCopy::type).toArray(String[]::new),
                        copies.stream().map(DocumentCopy::fhirId).toArray(String[]::new),
                        copies.stream().map(DocumentCopy::documentId).toArray(Long[]::new))
                .update();
    }

    @Override
    public Map<String, Local> locals(String type, Collection<String> fhirIds) {
        Map<String, Local> found = new HashMap<>();
        if (!fhirIds.isEmpty()) {
            jdbc.sql("select fhir_id, patient_id, encounter_id from clinical_resource where resource_type = ? and fhir_id = any(?)")
                    .params(type, fhirIds.toArray(String[]::new))
                    .query((rs, i) -> {
                        long p = rs.getLong(2);
                        Long patient = rs.wasNull() ? null : p;
                        long e = rs.getLong(3);
                        return found.put(rs.getString(1), new Local(patient, rs.wasNull() ? null : e));
                    }).list();
        }
        return found;
    }

    @Override
    public Optional<String> patientFhirId(long patientId) {
        return jdbc.sql("select fhir_id from clinical_resource where resource_type = 'Patient' and patient_id = ? order by id limit 1")
                .param(patientId).query(String.class).optional();
    }

    @Override
    public Optional<StoredResource> read(String type, String fhirId) {
        Optional<StoredResource> r = jdbc.sql("select " + COLUMNS + " from clinical_resource r where resource_type = ? and fhir_id = ?")
                .params(type, fhirId).query((rs, i) -> map(rs)).optional();
        String visible = visible("r");
        if (r.isPresent() && visible != null && !jdbc.sql("select exists(select 1 from clinical_resource r where id = ? and "
                + visible + ")").param(r.get().id()).query(Boolean.class).single()) {
            // Part 2 without chart:read-sensitive (42 CFR 2.13), or a copy of another's psychotherapy note (164.508(a)(2)).
            String why = SensitiveRecords.withheld() ? SensitiveRecords.RESOURCE_REFUSAL : SensitiveRecords.NOT_ORIGINATOR;
            audit.record(AuditAction.READ, AuditOutcome.DENIED, r.get().patientId(), type, fhirId, why);
            throw new org.springframework.security.access.AccessDeniedException(why);
        }
        r.ifPresent(x -> audit.record(AuditAction.READ, AuditOutcome.SUCCESS, x.patientId(), type, fhirId, null));
        return r;
    }

    @Override
    public Page search(Query q) {
        StringBuilder where = new StringBuilder(" where resource_type = ?");
        List<Object> params = new ArrayList<>();
        params.add(q.type());
        String visible = visible("r"); // Part 2 (42 CFR 2.13), others' psychotherapy notes (164.508(a)(2))
        if (visible != null) {
            where.append(" and ").append(visible);
        }
        if (q.patientId() != null) {
            where.append(" and patient_id = ?");
            params.add(q.patientId());
        }
        if (q.withoutPatients() != null && !q.withoutPatients().isEmpty()) { // flagged charts (45 CFR 164.312(a)(2)(ii))
            where.append(" and (patient_id is null or patient_id <> all(?))");
            params.add(q.withoutPatients().toArray(Long[]::new));
        }
        if (q.ids() != null && !q.ids().isEmpty()) {
            where.append(" and fhir_id = any(?)");
            params.add(q.ids().toArray(String[]::new));
        }
        for (List<String> any : q.anyTerms()) {
            where.append(" and terms && ?::text[]");
            params.add(any.toArray(String[]::new));
        }
        for (String prefix : q.stringPrefixes()) {
            where.append(" and exists (select 1 from unnest(terms) t where t like ? escape '\\')");
            params.add(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        range(where, params, "coalesce(date_end, date_start)", ">=", q.dateFrom());
        range(where, params, "date_start", "<", q.dateTo());
        range(where, params, "last_updated", ">=", q.updatedFrom());
        range(where, params, "last_updated", "<", q.updatedTo());
        if (q.countOnly()) {
            long total = jdbc.sql("select count(*) from clinical_resource r" + where).params(params).query(Long.class).single();
            audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, q.patientId(), q.type(), null, "count: " + total);
            return new Page(List.of(), total);
        }
        String order = switch (q.sort() == null ? "" : q.sort()) {
            case "date" -> "date_start nulls last, id";
            case "-date" -> "date_start desc nulls last, id desc";
            case "_lastUpdated" -> "last_updated, id";
            case "-_lastUpdated" -> "last_updated desc, id desc";
            case "_id" -> "fhir_id";
            default -> "id";
        };
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(q.count());
        pageParams.add(q.offset());
        List<StoredResource> found = jdbc.sql("select " + COLUMNS + " from clinical_resource r" + where + " order by " + order
                + " limit ? offset ?").params(pageParams).query((rs, i) -> map(rs)).list();
        long total = q.offset() == 0 && found.size() < q.count() ? found.size()
                : jdbc.sql("select count(*) from clinical_resource r" + where).params(params).query(Long.class).single();
        auditRead(AuditAction.SEARCH, q.type(), found, "search");
        return new Page(found, total);
    }

    private static void range(StringBuilder where, List<Object> params, String column, String op, Instant value) {
        if (value != null) {
            where.append(" and ").append(column).append(' ').append(op).append(" ?");
            params.add(Rows.utc(value));
        }
    }

    @Override
    public List<StoredResource> byReferences(Collection<String> typeSlashIds) {
        if (typeSlashIds.isEmpty()) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(typeSlashIds)) {
            int slash = ref.indexOf('/');
            if (slash > 0) {
                types.add(ref.substring(0, slash));
                ids.add(ref.substring(slash + 1));
            }
        }
        String visible = visible("r");
        List<StoredResource> found = jdbc.sql("select " + COLUMNS + " from clinical_resource r"
                        + " join unnest(?::text[], ?::text[]) as k(t, i) on r.resource_type = k.t and r.fhir_id = k.i"
                        + (visible != null ? " where " + visible : "") + " order by r.id")
                .params(types.toArray(String[]::new), ids.toArray(String[]::new)).query((rs, i) -> map(rs)).list();
        auditRead(AuditAction.READ, "Bundle", found, "_include");
        return found;
    }

    /**
     * The patient's rows and the shared resources they refer to (the organization, practitioner,
     * location or medication of the patient's care, kept without a patient of their own), as
     * $everything includes them (FHIR R4 Patient-everything). Shared rows are found by their
     * unique (type, id) index, not by a scan of every shared row. The references are kept apart
     * when a resource is stored ({@code shared_refs}, see {@link #sharedRefs}): picking them out of
     * every search term of the record on each call was half of the query (bench/everything.sh).
     */
    private static final String EVERYTHING = """
            with mine as (select * from clinical_resource r where patient_id = ? %s),
            refs as (select distinct unnest(shared_refs) as ref from mine where shared_refs is not null),
            shared as (select d.* from clinical_resource d join refs on d.resource_type = split_part(refs.ref, '/', 1)
                       and d.fhir_id = split_part(refs.ref, '/', 2) where d.patient_id is null),
            rows as (select 0 as grp, * from mine union all select 1 as grp, * from shared)
            """;

    /**
     * Without the records a reader without chart:read-sensitive does not see (Part 2, 42 CFR 2.13) and copies of
     * psychotherapy notes of others (45 CFR 164.508(a)(2)).
     */
    private String everythingSql() {
        String visible = visible("r");
        return EVERYTHING.formatted(visible != null ? "and " + visible : "");
    }

    /** The condition on kept resource {@code alias} of what the caller may read; null: everything. */
    private String visible(String alias) {
        return SensitiveRecords.visibleResource(alias, directory);
    }

    @Override
    public Page everything(long patientId, Instant since, Set<String> types, int offset, int count) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> params = new ArrayList<>();
        params.add(patientId);
        if (since != null) {
            where.append(" and last_updated >= ?");
            params.add(Rows.utc(since));
        }
        if (types != null && !types.isEmpty()) {
            where.append(" and resource_type = any(?)");
            params.add(types.toArray(String[]::new));
        }
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(count);
        pageParams.add(offset);
        List<StoredResource> found = jdbc.sql(everythingSql() + "select " + COLUMNS + " from rows" + where
                        + " order by grp, resource_type <> 'Patient', id limit ? offset ?")
                .params(pageParams).query((rs, i) -> map(rs)).list();
        // A first page that is not full is the whole record: no second pass to count it.
        long total = offset == 0 && found.size() < count ? found.size()
                : jdbc.sql(everythingSql() + "select count(*) from rows" + where).params(params).query(Long.class).single();
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "Patient", patientId,
                "$everything: " + found.size() + " of " + total + " resources from " + offset);
        return new Page(found, total);
    }

    @Override
    public Map<String, Long> countsOf(long patientId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        String visible = visible("r");
        jdbc.sql("select resource_type, count(*) from clinical_resource r where patient_id = ?"
                        + (visible != null ? " and " + visible : "")
                        + " group by resource_type order by 1")
                .param(patientId).query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "Chart", patientId, "clinical resource counts");
        return counts;
    }

    @Override
    public Map<Sensitivity, Long> withheldFrom(long patientId) {
        Map<Sensitivity, Long> withheld = new java.util.EnumMap<>(Sensitivity.class);
        String visible = visible("r");
        if (visible == null) {
            return withheld;
        }
        jdbc.sql("select t.tag, count(*) from clinical_resource r cross join lateral (select distinct x from unnest("
                        + SensitiveRecords.resourceTags("r") + ") x where x in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES')) t(tag)"
                        + " where r.patient_id = ? and r.destroyed_at is null and not (" + visible + ") group by t.tag")
                .param(patientId).query(rs -> {
                    withheld.put(Sensitivity.valueOf(rs.getString(1)), rs.getLong(2));
                });
        if (!withheld.isEmpty()) {
            audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "Chart", patientId, "withheld from this reader: " + withheld);
        }
        return withheld;
    }

    /** One event per patient whose resources were returned. */
    private void auditRead(AuditAction action, String type, List<StoredResource> found, String what) {
        Map<Long, Integer> perPatient = new LinkedHashMap<>();
        for (StoredResource r : found) {
            perPatient.merge(r.patientId() == null ? -1L : r.patientId(), 1, Integer::sum);
        }
        if (perPatient.isEmpty()) {
            audit.record(action, AuditOutcome.SUCCESS, null, type, null, what + ": none");
            return;
        }
        List<AuditEntry> entries = new ArrayList<>();
        perPatient.forEach((patient, n) -> entries.add(audit.entry(action, AuditOutcome.SUCCESS, patient == -1L ? null : patient,
                type, null, what + ": " + n + " resources")));
        audit.recordAll(entries);
    }

    private static StoredResource map(ResultSet rs) throws SQLException {
        long patient = rs.getLong(6);
        Long patientId = rs.wasNull() ? null : patient;
        long encounter = rs.getLong(7);
        Long encounterId = rs.wasNull() ? null : encounter;
        return new StoredResource(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), Rows.instant(rs, 5),
                patientId, encounterId, rs.getString(8));
    }

    @Override
    public List<RecordEntry> entries(long patientId, Set<RecordCategory> categories, LocalDate from, LocalDate to) {
        List<RecordEntry> out = new ArrayList<>();
        if (categories.isEmpty()) {
            return out;
        }
        StringBuilder kinds = new StringBuilder();
        List<Object> params = new ArrayList<>();
        params.add(patientId);
        for (RecordCategory c : categories) {
            for (RecordCategory.Kind k : c.kinds()) {
                kinds.append(kinds.isEmpty() ? "" : " or ").append("(resource_type = ?")
                        .append(k.category() == null ? ")" : " and terms && ?::text[])");
                params.add(k.type());
                if (k.category() != null) {
                    params.add(new String[] {"category=" + k.category()});
                }
            }
        }
        // Each entry with its tags and its encounter's: the release segments them as it does documents.
        // A psychotherapy note's copy stays in for a reader with chart:read-sensitive: the release's segmentation
        // withholds it unless the authorization names it (45 CFR 164.508(a)(2)).
        StringBuilder sql = new StringBuilder("select resource_type, terms, resource::text, id, " + SensitiveRecords.resourceTags("r")
                + " from clinical_resource r where patient_id = ? and destroyed_at is null and (" + kinds + ")"
                + (SensitiveRecords.withheld() ? " and not " + SensitiveRecords.restrictedResource("r") : ""));
        if (from != null) {
            sql.append(" and (coalesce(date_end, date_start) is null or coalesce(date_end, date_start) >= ?)");
            params.add(Rows.utc(from.atStartOfDay(clock.getZone()).toInstant()));
        }
        if (to != null) {
            sql.append(" and (date_start is null or date_start < ?)");
            params.add(Rows.utc(to.plusDays(1).atStartOfDay(clock.getZone()).toInstant()));
        }
        var parser = fhir.newJsonParser();
        jdbc.sql(sql + " order by date_start nulls last, id").params(params).query(rs -> {
            String type = rs.getString(1);
            Set<String> terms = Set.of((String[]) rs.getArray(2).getArray());
            RecordCategory category = categoryOf(categories, type, terms);
            RecordRows.Row row = RecordRows.row((org.hl7.fhir.r4.model.Resource) parser.parseResource(rs.getString(3)));
            java.util.EnumSet<Sensitivity> tags = java.util.EnumSet.noneOf(Sensitivity.class);
            for (String t : (String[]) rs.getArray(5).getArray()) {
                tags.add(Sensitivity.valueOf(t));
            }
            out.add(new RecordEntry(rs.getLong(4), category, type, row.when(), row.what(), row.value(), row.detail(), row.status(),
                    java.util.Collections.unmodifiableSet(tags)));
        });
        out.sort(java.util.Comparator.comparing(RecordEntry::category));
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "Chart", patientId, "record entries ("
                + categories.stream().map(Enum::name).sorted().collect(java.util.stream.Collectors.joining(", ")) + "): " + out.size());
        return out;
    }

    private static RecordCategory categoryOf(Set<RecordCategory> chosen, String type, Set<String> terms) {
        for (RecordCategory c : RecordCategory.values()) {
            if (!chosen.contains(c)) {
                continue;
            }
            for (RecordCategory.Kind k : c.kinds()) {
                if (k.type().equals(type) && (k.category() == null || terms.contains("category=" + k.category()))) {
                    return c;
                }
            }
        }
        throw new IllegalStateException("no chosen category holds a " + type);
    }

    @Override
    public List<Tagged> ofPatients(Collection<Long> patientIds, Set<String> types) {
        List<Tagged> found = new ArrayList<>();
        if (patientIds.isEmpty() || types.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + COLUMNS + ", " + SensitiveRecords.resourceTags("r") + " from clinical_resource r"
                        + " where patient_id = any(?) and resource_type = any(?) and destroyed_at is null order by patient_id, id")
                .params(patientIds.toArray(Long[]::new), types.toArray(String[]::new))
                .query(rs -> {
                    java.util.EnumSet<Sensitivity> tags = java.util.EnumSet.noneOf(Sensitivity.class);
                    for (String t : (String[]) rs.getArray(9).getArray()) {
                        tags.add(Sensitivity.valueOf(t));
                    }
                    found.add(new Tagged(map(rs), java.util.Collections.unmodifiableSet(tags)));
                });
        auditRead(AuditAction.EXPORT, "Bundle", found.stream().map(Tagged::resource).toList(), "bulk export");
        return found;
    }

    @Override
    public List<StoredResource> shared(Set<String> types, long afterId, int count) {
        if (types.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from clinical_resource r where patient_id is null and resource_type = any(?)"
                        + " and id > ? and destroyed_at is null order by id limit ?")
                .params(types.toArray(String[]::new), afterId, count).query((rs, i) -> map(rs)).list();
    }

    @Override
    public Set<String> keptTypes() {
        // A skip scan of the (resource_type, date_start) index: one probe per type, not a scan of every row.
        return new java.util.TreeSet<>(jdbc.sql("""
                with recursive t(type) as (
                    select min(resource_type) from clinical_resource
                    union all
                    select (select min(resource_type) from clinical_resource where resource_type > t.type) from t where t.type is not null)
                select type from t where type is not null""").query(String.class).list());
    }
}
