package org.custodian.patient.internal.mpi;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.custodian.Actor;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.MasterPatientIndex;
import org.custodian.patient.MatchEvidence;
import org.custodian.patient.NewPatient;
import org.custodian.patient.OverlayRiskException;
import org.custodian.patient.PatientMatch;
import org.custodian.patient.PatientMerge;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientsMerged;
import org.custodian.patient.PatientsUnmerged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class JdbcMasterPatientIndex implements MasterPatientIndex {

    /** At most this many registered patients are scored against a candidate (the blocking queries' limit). */
    private static final int MAX_CANDIDATES = 500;
    private static final int MAX_MATCHES = 10;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final MatchEngine engine;
    private final IndexModel model;
    private final Clock clock;
    private final DuplicateWorklist worklist;

    JdbcMasterPatientIndex(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, ApplicationEventPublisher events,
                           MatchEngine engine, IndexModel model, Clock clock, DuplicateWorklist worklist) {
        this.worklist = worklist;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.engine = engine;
        this.model = model;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- likely matches

    @Override
    public List<PatientMatch> likelyMatches(NewPatient candidate) {
        Linkage fitted = model.current();
        if (fitted == null) {
            return List.of();
        }
        // The registration check is a screen a registrar reviews, so it errs toward showing a
        // possible duplicate: a candidate counts when either the EM fit of this index or typical
        // m and u put it at review or above. EM on a mixed index can be too strict (measured: a
        // nickname + transposed surname re-registration missed in the test suite's index).
        Linkage typical = model.typical();
        MpiRecord c = MpiRecord.of("candidate", candidate);
        List<Row> rows = blocked(candidate);
        List<PatientMatch> matches = new ArrayList<>();
        for (Row row : rows) {
            MatchEngine.ScoredComparison s = engine.score(fitted, c, row.record());
            if (s.decision() == MatchDecision.NON_MATCH && typical != null && typical != fitted) {
                s = engine.score(typical, c, row.record());
            }
            if (s.decision() == MatchDecision.NON_MATCH) {
                continue;
            }
            matches.add(new PatientMatch(row.id(), row.mrn(), row.familyName(), row.givenName(), row.birthDate(),
                    row.sex(), Math.round(s.weight() * 100) / 100.0, s.decision().name(), evidence(s.explanation()),
                    OverlayGuard.risks(c, row.record()).stream().map(Enum::name).toList()));
        }
        matches.sort(Comparator.comparingDouble(PatientMatch::weight).reversed());
        List<PatientMatch> best = matches.size() > MAX_MATCHES ? List.copyOf(matches.subList(0, MAX_MATCHES)) : matches;
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, "PatientMatch", null,
                "likely matches of a registration -> " + best.size() + " found");
        if (!best.isEmpty()) {
            audit.recordAll(best.stream().map(m -> audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, m.patientId(),
                    "PatientMatch", m.patientId(), "weight " + m.weight())).toList());
        }
        return best;
    }

    static List<MatchEvidence> evidence(List<FieldContribution> contributions) {
        return contributions.stream().map(f -> new MatchEvidence(f.field().name(), f.levelName(),
                Math.round(f.weight() * 100) / 100.0)).toList();
    }

    private record Row(long id, String mrn, String familyName, String givenName, LocalDate birthDate,
                       AdministrativeSex sex, MpiRecord record) {
    }

    /**
     * Blocking in SQL, one pass per indexed key as in {@link Blocking}: same birth date, same SSN,
     * same phone, same surname and birth year, same given name and ZIP code.
     */
    private List<Row> blocked(NewPatient p) {
        String ssn = p.ssn() == null ? null : p.ssn().replace("-", "");
        String zip = p.address() == null ? null : p.address().postalCode();
        // One indexed branch per blocking key: one "or" of the five was planned as a scan of the whole
        // table once the statement went generic (docs/decisions.md#query-plans-on-the-feeds-path).
        return jdbc.sql("select mrn, " + IndexRows.COLUMNS + " from patient where merged_into is null and id in ("
                        + " select id from patient where birth_date = :dob"
                        + " union select id from patient where ssn = :ssn"
                        + " union select id from patient where phone = :phone"
                        + " union select id from patient where lower(family_name) = lower(:family)"
                        + "   and birth_date between :yearStart and :yearEnd"
                        + " union select id from patient where lower(given_name) = lower(:given) and postal_code = :zip"
                        + ") limit :limit")
                .param("dob", p.birthDate())
                .param("ssn", ssn)
                .param("phone", p.phone())
                .param("family", p.familyName().trim())
                .param("given", p.givenName().trim())
                .param("zip", zip)
                .param("yearStart", p.birthDate().withDayOfYear(1))
                .param("yearEnd", p.birthDate().withDayOfYear(1).plusYears(1).minusDays(1))
                .param("limit", MAX_CANDIDATES)
                .query((rs, i) -> row(rs)).list();
    }

    private static Row row(ResultSet rs) throws SQLException {
        // Columns: mrn, then IndexRows.COLUMNS shifted by one.
        return new Row(rs.getLong(2), rs.getString(1), rs.getString(4), rs.getString(3), rs.getObject(5, LocalDate.class),
                AdministrativeSex.valueOf(rs.getString(6)),
                MpiRecord.registered(Long.toString(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
    }

    // ---------------------------------------------------------------- merge

    @Override
    public PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason) {
        return merge(survivingPatientId, retiredPatientId, reason, null);
    }

    @Override
    public PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason, String overrideReason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: a merge needs a reason");
        }
        if (survivingPatientId == retiredPatientId) {
            throw new IllegalArgumentException("retiredPatientId: a patient cannot be merged into itself");
        }
        boolean override = overrideReason != null && !overrideReason.isBlank();
        Refusal refusal = new Refusal();
        Long mergeId = tx.execute(status -> {
            // Lock both rows in id order so that two merges of the same pair cannot interleave.
            List<Long> locked = jdbc.sql("select id from patient where id in (?, ?) order by id for update")
                    .params(survivingPatientId, retiredPatientId).query(Long.class).list();
            for (long id : new long[] {survivingPatientId, retiredPatientId}) {
                if (!locked.contains(id)) {
                    throw new PatientNotFoundException(id);
                }
            }
            Long survivorMergedInto = mergedInto(survivingPatientId);
            Long retiredMergedInto = mergedInto(retiredPatientId);
            if (survivorMergedInto != null) {
                throw new IllegalArgumentException("survivingPatientId: patient " + survivingPatientId
                        + " was itself merged into patient " + survivorMergedInto);
            }
            if (retiredMergedInto != null) {
                throw new IllegalArgumentException("retiredPatientId: patient " + retiredPatientId
                        + " is already merged into patient " + retiredMergedInto);
            }
            List<String> risks = OverlayGuard.risks(record(survivingPatientId), record(retiredPatientId))
                    .stream().map(Enum::name).toList();
            if (!risks.isEmpty() && !override) {
                refusal.risks = risks;
                return null;
            }
            long id = jdbc.sql("""
                    insert into patient_merge (surviving_patient_id, retired_patient_id, reason, overlay_risks,
                                               override_reason, merged_by, merged_at)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(survivingPatientId, retiredPatientId, reason.trim(), String.join(",", risks),
                            risks.isEmpty() ? null : overrideReason.trim(), Actor.current(), now())
                    .query(Long.class).single();
            jdbc.sql("""
                    with moved as (update patient_identifier set patient_id = ? where patient_id = ? returning id)
                    insert into patient_merge_identifier (merge_id, identifier_id) select ?, id from moved""")
                    .params(survivingPatientId, retiredPatientId, id).update();
            jdbc.sql("update patient set merged_into = ? where id = ?").params(survivingPatientId, retiredPatientId).update();
            events.publishEvent(new PatientsMerged(id, survivingPatientId, retiredPatientId));
            String detail = "merge " + id + ": patient " + retiredPatientId + " merged into " + survivingPatientId
                    + (risks.isEmpty() ? "" : "; overlay guard overridden (" + String.join(",", risks) + ")");
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, survivingPatientId, "PatientMerge", id, detail);
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, retiredPatientId, "PatientMerge", id, detail);
            return id;
        });
        if (mergeId == null) {
            String detail = "merge of patient " + retiredPatientId + " into " + survivingPatientId
                    + " refused by the overlay guard (" + String.join(",", refusal.risks) + ")";
            audit.record(AuditAction.UPDATE, AuditOutcome.FAILURE, survivingPatientId, "PatientMerge", null, detail);
            audit.record(AuditAction.UPDATE, AuditOutcome.FAILURE, retiredPatientId, "PatientMerge", null, detail);
            events.publishEvent(new MergeRefused(survivingPatientId, retiredPatientId, refusal.risks));
            throw new OverlayRiskException(refusal.risks);
        }
        return findMerge(mergeId).orElseThrow();
    }

    /** Internal: a merge the overlay guard refused, for the worklist to pick up (after the refusal is audited). */
    record MergeRefused(long survivingPatientId, long retiredPatientId, List<String> risks) {
    }

    private static final class Refusal {
        List<String> risks = List.of();
    }

    @Override
    public PatientMerge unmerge(long mergeId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: an unmerge needs a reason");
        }
        PatientMerge merge = tx.execute(status -> {
            List<long[]> found = jdbc.sql("""
                    select surviving_patient_id, retired_patient_id from patient_merge
                    where id = ? and unmerged_at is null for update""")
                    .param(mergeId).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            if (found.isEmpty()) {
                throw new IllegalArgumentException("mergeId: merge " + mergeId + " does not exist or was already undone");
            }
            long survivor = found.get(0)[0];
            long retired = found.get(0)[1];
            jdbc.sql("select id from patient where id in (?, ?) order by id for update").params(survivor, retired)
                    .query(Long.class).list();
            Long survivorMergedInto = mergedInto(survivor);
            if (survivorMergedInto != null) {
                // Later merges moved this merge's rows on; undo them first, newest first.
                throw new IllegalArgumentException("mergeId: patient " + survivor + " has since been merged into patient "
                        + survivorMergedInto + "; undo that merge first");
            }
            jdbc.sql("""
                    update patient_identifier set patient_id = ?
                    where id in (select identifier_id from patient_merge_identifier where merge_id = ?)""")
                    .params(retired, mergeId).update();
            jdbc.sql("update patient set merged_into = null where id = ?").param(retired).update();
            jdbc.sql("update patient_merge set unmerge_reason = ?, unmerged_by = ?, unmerged_at = ? where id = ?")
                    .params(reason.trim(), Actor.current(), now(), mergeId).update();
            events.publishEvent(new PatientsUnmerged(mergeId, survivor, retired));
            String detail = "unmerge " + mergeId + ": patient " + retired + " restored from " + survivor;
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, survivor, "PatientMerge", mergeId, detail);
            audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, retired, "PatientMerge", mergeId, detail);
            return findMerge(mergeId).orElseThrow();
        });
        return merge;
    }

    @Override
    public long reportPossibleDuplicate(long patientId, long otherPatientId) {
        return worklist.propose(patientId, otherPatientId, "REGISTRATION");
    }

    private Long mergedInto(long patientId) {
        return jdbc.sql("select merged_into from patient where id = ?").param(patientId).query(Long.class).optional().orElse(null);
    }

    private MpiRecord record(long patientId) {
        return jdbc.sql("select " + IndexRows.COLUMNS + " from patient where id = ?").param(patientId)
                .query((rs, i) -> IndexRows.record(rs)).single();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }

    // ---------------------------------------------------------------- look-ups

    private static final String MERGE_COLUMNS = """
            m.id, m.surviving_patient_id, m.retired_patient_id, r.mrn, m.reason, m.overlay_risks, m.override_reason,
            m.merged_by, m.merged_at, m.unmerge_reason, m.unmerged_by, m.unmerged_at""";

    private static PatientMerge mergeRow(ResultSet rs) throws SQLException {
        String risks = rs.getString(6);
        OffsetDateTime unmerged = rs.getObject(12, OffsetDateTime.class);
        return new PatientMerge(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                risks.isEmpty() ? List.of() : Arrays.asList(risks.split(",")), rs.getString(7), rs.getString(8),
                rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10), rs.getString(11),
                unmerged == null ? null : unmerged.toInstant());
    }

    @Override
    public Optional<PatientMerge> findMerge(long mergeId) {
        Optional<PatientMerge> merge = jdbc.sql("select " + MERGE_COLUMNS
                        + " from patient_merge m join patient r on r.id = m.retired_patient_id where m.id = ?")
                .param(mergeId).query((rs, i) -> mergeRow(rs)).optional();
        merge.ifPresent(m -> audit.patient(AuditAction.READ, m.survivingPatientId(), "PatientMerge", m.id()));
        return merge;
    }

    @Override
    public List<PatientMerge> mergesOf(long patientId) {
        List<PatientMerge> merges = jdbc.sql("select " + MERGE_COLUMNS
                        + " from patient_merge m join patient r on r.id = m.retired_patient_id"
                        + " where m.surviving_patient_id = ? or m.retired_patient_id = ? order by m.id desc")
                .params(patientId, patientId).query((rs, i) -> mergeRow(rs)).list();
        audit.patient(AuditAction.READ, patientId, "PatientMerge", null);
        return merges;
    }

    @Override
    public Optional<Long> resolveMrn(String facility, String mrn) {
        return Optional.ofNullable(resolveMrns(facility, List.of(mrn)).get(mrn));
    }

    @Override
    public java.util.Map<String, Long> resolveMrns(String facility, java.util.Collection<String> mrns) {
        java.util.Map<String, Long> resolved = new java.util.HashMap<>();
        if (mrns.isEmpty()) {
            return resolved;
        }
        // The MRNs' own rows by the (facility, mrn) key, then the rare retired one followed to its survivor.
        // Each MRN looked up by the whole key (lateral, limit 1: never turned into a join that scans).
        // Other forms were planned as scans (docs/decisions.md#query-plans-on-the-feeds-path).
        jdbc.sql("""
                        select m.mrn, p.id, p.merged_into from unnest(?::text[]) as m (mrn)
                        cross join lateral (select id, merged_into from patient
                                            where facility = ? and mrn = m.mrn limit 1) p""")
                .params(mrns.toArray(String[]::new), facility == null ? "MAIN" : facility)
                .query((rs, i) -> {
                    Long mergedInto = rs.getObject(3, Long.class);
                    return resolved.put(rs.getString(1), mergedInto == null ? rs.getLong(2) : survivorOf(mergedInto));
                }).list();
        return resolved;
    }

    @Override
    public long survivorOf(long patientId) {
        return jdbc.sql("""
                with recursive chain (id, merged_into) as (
                    select id, merged_into from patient where id = ?
                    union all
                    select p.id, p.merged_into from patient p join chain c on p.id = c.merged_into)
                select id from chain where merged_into is null""")
                .param(patientId).query(Long.class).optional().orElseThrow(() -> new PatientNotFoundException(patientId));
    }

}
