package org.custodian.privacy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.AccessReasons;
import org.custodian.Actor;
import org.custodian.MergeFollower;
import org.custodian.Problem;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.privacy.BreakTheGlass;
import org.custodian.privacy.BreakTheGlassRequired;
import org.custodian.privacy.ConfidentialityFlags;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Confidentiality flags and break-the-glass, HIPAA's emergency access procedure (45 CFR
 * 164.312(a)(2)(ii)). Also an {@link AccessReasons}: an unexpired grant is the user's reason to open
 * the chart (privacy monitoring leaves it to the privacy officer's review queue, not to the alerts).
 */
@Service
class JdbcConfidentiality implements ConfidentialityFlags, BreakTheGlass, AccessReasons {

    /** HL7 v3 PurposeOfUse codes a user may give when breaking the glass. */
    static final Map<String, String> PURPOSES = org.custodian.audit.PurposeOfUse.forBreakingTheGlass();

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final java.time.Clock clock;
    private final ObjectProvider<AccessReasons> reasons;
    private final Duration grantDuration;
    private final Duration reviewWithin;

    JdbcConfidentiality(JdbcClient jdbc, AuditTrail audit, java.time.Clock clock, ObjectProvider<AccessReasons> reasons,
                        PrivacySettings settings) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.reasons = reasons;
        this.grantDuration = settings.breakGlassDuration();
        this.reviewWithin = settings.breakGlassReviewWithin();
    }

    // ---- flags

    @Override
    public List<FlagKind> kinds() {
        return jdbc.sql("select code, label, requires_break_glass from confidentiality_flag_kind order by label")
                .query((rs, i) -> new FlagKind(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
    }

    @Override
    public Flag set(long patientId, String kind, String reason) {
        if (kind == null || kinds().stream().noneMatch(k -> k.code().equals(kind))) {
            throw Problem.invalid("unknown-flag-kind", "kind: one of " + kinds().stream().map(FlagKind::code).toList());
        }
        String why = requireText("reason", reason);
        long id = jdbc.sql("""
                        insert into confidentiality_flag (patient_id, kind, set_by, set_at, reason)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(patientId, kind, Actor.current(), ts(clock.instant()), why).query(Long.class).single();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, patientId, "ConfidentialityFlag", id, "set " + kind);
        return flag(id);
    }

    @Override
    public Flag clear(long flagId, String reason) {
        String why = requireText("reason", reason);
        int n = jdbc.sql("""
                        update confidentiality_flag set cleared_by = ?, cleared_at = ?, clear_reason = ?
                        where id = ? and cleared_at is null""")
                .params(Actor.current(), ts(clock.instant()), why, flagId).update();
        if (n == 0) {
            throw Problem.notFound("flag-not-found", "No such active flag", "No active confidentiality flag " + flagId + ".");
        }
        Flag f = flag(flagId);
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, f.patientId(), "ConfidentialityFlag", flagId, "cleared " + f.kind());
        return f;
    }

    private static final String FLAG_COLUMNS = """
            f.id, f.patient_id, f.kind, k.label, f.set_by, f.set_at, f.reason, f.cleared_by, f.cleared_at, f.clear_reason
            from confidentiality_flag f join confidentiality_flag_kind k on k.code = f.kind""";

    private Flag flag(long id) {
        return jdbc.sql("select " + FLAG_COLUMNS + " where f.id = ?").param(id).query((rs, i) -> flag(rs)).single();
    }

    @Override
    public List<Flag> of(long patientId) {
        return jdbc.sql("select " + FLAG_COLUMNS + " where f.patient_id = ? order by f.set_at desc, f.id desc")
                .param(patientId).query((rs, i) -> flag(rs)).list();
    }

    @Override
    public Map<Long, List<String>> activeKinds(Collection<Long> patientIds) {
        Map<Long, List<String>> out = new HashMap<>();
        if (patientIds.isEmpty()) {
            return out;
        }
        jdbc.sql("select patient_id, kind from confidentiality_flag where cleared_at is null and patient_id = any(?)")
                .param(patientIds.toArray(new Long[0]))
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                });
        return out;
    }

    private static Flag flag(ResultSet rs) throws SQLException {
        return new Flag(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                instant(rs, 6), rs.getString(7), rs.getString(8), instant(rs, 9), rs.getString(10));
    }

    // ---- break the glass

    @Override
    public void checkChartAccess(long patientId) {
        if (required(patientId)) {
            audit.record(AuditAction.ACCESS_DENIED, AuditOutcome.FAILURE, patientId, "Chart", patientId,
                    "break-the-glass required: confidential chart, no care relationship");
            throw new BreakTheGlassRequired(patientId);
        }
    }

    @Override
    public Set<Long> closedCharts() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            return Set.of();
        }
        Set<Long> closed = new java.util.HashSet<>(jdbc.sql("""
                        select distinct f.patient_id from confidentiality_flag f join confidentiality_flag_kind k on k.code = f.kind
                        where f.cleared_at is null and k.requires_break_glass""").query(Long.class).list());
        if (closed.isEmpty()) {
            return closed;
        }
        String user = auth.getName();
        Instant now = clock.instant();
        closed.removeAll(jdbc.sql("""
                        select patient_id from break_glass_grant
                        where username = ? and patient_id = any(?) and granted_at <= ? and expires_at > ?""")
                .params(user, closed.toArray(new Long[0]), ts(now), ts(now)).query(Long.class).list());
        if (!closed.isEmpty()) {
            reasons.orderedStream()
                    .filter(r -> r != this)
                    .flatMap(r -> r.reasons(now, now.plusMillis(1)).stream())
                    .filter(r -> r.username().equals(user) && r.covers(now, 0))
                    .forEach(r -> closed.remove(r.patientId()));
        }
        return closed;
    }

    @Override
    public boolean required(long patientId) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            return false;
        }
        boolean flagged = jdbc.sql("""
                        select exists (select 1 from confidentiality_flag f join confidentiality_flag_kind k on k.code = f.kind
                                       where f.patient_id = ? and f.cleared_at is null and k.requires_break_glass)""")
                .param(patientId).query(Boolean.class).single();
        if (!flagged) {
            return false;
        }
        String user = auth.getName();
        Instant now = clock.instant();
        boolean granted = jdbc.sql("""
                        select exists (select 1 from break_glass_grant
                                       where username = ? and patient_id = ? and granted_at <= ? and expires_at > ?)""")
                .params(user, patientId, ts(now), ts(now)).query(Boolean.class).single();
        if (granted) {
            return false;
        }
        return reasons.orderedStream()
                .filter(r -> r != this)
                .flatMap(r -> r.reasons(now, now.plusMillis(1)).stream())
                .noneMatch(r -> r.username().equals(user) && r.patientId() == patientId && r.covers(now, 0));
    }

    @Override
    public Grant breakGlass(long patientId, String purposeOfUse, String reason) {
        if (purposeOfUse == null || !PURPOSES.containsKey(purposeOfUse)) {
            throw Problem.invalid("invalid-purpose-of-use", "purposeOfUse: an HL7 PurposeOfUse code, one of " + PURPOSES.keySet());
        }
        String why = requireText("reason", reason);
        if (why.length() < 10) {
            throw Problem.invalid("break-the-glass-reason", "reason: say why in at least 10 characters");
        }
        Instant now = clock.instant();
        String user = Actor.current();
        long id = jdbc.sql("""
                        insert into break_glass_grant (patient_id, username, purpose, reason, granted_at, expires_at, review_due)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(patientId, user, purposeOfUse, why, ts(now), ts(now.plus(grantDuration)), ts(now.plus(reviewWithin)))
                .query(Long.class).single();
        AuditEntry e = audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "EmergencyAccess", id,
                "break the glass: " + purposeOfUse + " — " + why);
        audit.recordAll(List.of(new AuditEntry(e.occurredAt(), e.username(), e.roles(), e.patientId(), e.resourceType(),
                e.resourceId(), e.action(), purposeOfUse, e.clientAddress(), e.outcome(), e.detail())));
        return grant(id);
    }

    private static final String GRANT_COLUMNS = """
            id, patient_id, username, purpose, reason, granted_at, expires_at, review_due, review_outcome, review_note,
            reviewed_by, reviewed_at from break_glass_grant""";

    private Grant grant(long id) {
        return jdbc.sql("select " + GRANT_COLUMNS + " where id = ?").param(id).query((rs, i) -> grant(rs)).optional()
                .orElseThrow(() -> Problem.notFound("break-glass-grant-not-found", "No such break-the-glass access",
                        "No break-the-glass access " + id + "."));
    }

    @Override
    public List<Grant> reviewQueue() {
        return jdbc.sql("select " + GRANT_COLUMNS + " where reviewed_at is null order by review_due, id")
                .query((rs, i) -> grant(rs)).list();
    }

    @Override
    public List<Grant> grants(Instant from, Instant to) {
        return jdbc.sql("select " + GRANT_COLUMNS + " where granted_at >= ? and granted_at < ? order by granted_at desc, id desc")
                .params(ts(from), ts(to)).query((rs, i) -> grant(rs)).list();
    }

    @Override
    public Grant review(long grantId, Outcome outcome, String note) {
        if (outcome == null) {
            throw Problem.invalid("review-outcome", "outcome: one of " + List.of(Outcome.values()));
        }
        Grant g = grant(grantId);
        if (g.outcome() != null) {
            throw Problem.conflict("break-glass-already-reviewed", "Already reviewed",
                    "Break-the-glass access " + grantId + " was reviewed by " + g.reviewedBy() + ".");
        }
        if (g.username().equals(Actor.current())) {
            throw Problem.conflict("break-glass-self-review", "Own access", "No one reviews their own break-the-glass access.");
        }
        jdbc.sql("update break_glass_grant set review_outcome = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? where id = ?")
                .params(outcome.name(), note == null || note.isBlank() ? null : note.strip(), Actor.current(),
                        ts(clock.instant()), grantId).update();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, g.patientId(), "EmergencyAccessReview", grantId, outcome.name());
        return grant(grantId);
    }

    private static Grant grant(ResultSet rs) throws SQLException {
        String outcome = rs.getString(9);
        return new Grant(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), instant(rs, 6),
                instant(rs, 7), instant(rs, 8), outcome == null ? null : Outcome.valueOf(outcome), rs.getString(10),
                rs.getString(11), instant(rs, 12));
    }

    // ---- access reasons: an unexpired grant

    @Override
    public List<AccessReason> reasons(Instant from, Instant to) {
        return jdbc.sql("select username, patient_id, purpose, id, granted_at, expires_at from break_glass_grant"
                        + " where granted_at < ? and expires_at > ?")
                .params(ts(to), ts(from))
                .query((rs, i) -> new AccessReason(rs.getString(1), rs.getLong(2), "break the glass",
                        "emergency access " + rs.getLong(4) + " (" + rs.getString(3) + "), under review", instant(rs, 5),
                        instant(rs, 6)))
                .list();
    }

    // ----

    private static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Problem.invalid("missing-" + field, field + ": required");
        }
        if (value.length() > 2000) {
            throw Problem.invalid("too-long-" + field, field + ": at most 2000 characters");
        }
        return value.strip();
    }

    static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    @Configuration(proxyBeanMethods = false)
    static class PrivacyMergeFollower {
        @Bean
        MergeFollower privacyFollowsMerges() {
            return MergeFollower.of("privacy", "privacy_merge_move")
                    .moves("confidentiality_flag", "FLAG", "ConfidentialityFlag")
                    .moves("break_glass_grant", "GRANT", "EmergencyAccess");
        }
    }

    static Set<String> purposeCodes() {
        return PURPOSES.keySet();
    }
}
