package org.custodian.cdi.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custodian.PeriodicJob;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Unanswered queries, every {@code custodian.cdi.escalation-interval} (default 15 minutes): a
 * follow-up to the physician after {@link CdiSettings#followUpAfter}, escalation to the physician
 * advisor after {@link CdiSettings#escalateAfter} (on the advisor's queue, {@code /cdi/advisor}; when a
 * practitioner is configured as the advisor the query also shows in their inbox and they may answer
 * it), and closure as "no response" after {@link CdiSettings#closeAfter}. Each change is audited as
 * the system's.
 */
@Component
class CdiEscalation extends PeriodicJob {

    /** What one run did. */
    record Run(int followedUp, int escalated, int closed) {
    }

    private final JdbcClient jdbc;
    private final CdiSettings settings;
    private final AuditTrail audit;
    private final java.time.Clock clock;

    CdiEscalation(JdbcClient jdbc, CdiSettings settings, AuditTrail audit, java.time.Clock clock) {
        super("cdi-escalation", settings.escalationInterval(), false, WhenZero.NEVER);
        this.jdbc = jdbc;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        run(clock.instant(), settings.physicianAdvisor());
    }

    Run run(Instant now, Long advisor) {
        List<AuditEntry> events = new ArrayList<>();
        int followed = step("""
                update cdi_query set followed_up_at = :now where status = 'OPEN' and followed_up_at is null and created_at <= :due
                returning id, patient_id""", now, now.minus(settings.followUpAfter()), null, "follow-up sent", events);
        int escalated = step("""
                update cdi_query set escalated_at = :now, escalated_to = cast(:advisor as bigint)
                where status = 'OPEN' and escalated_at is null and created_at <= :due
                  and (cast(:advisor as bigint) is null or practitioner_id <> cast(:advisor as bigint))
                returning id, patient_id""", now, now.minus(settings.escalateAfter()), advisor, "escalated to the physician advisor", events);
        int closed = step("""
                update cdi_query set status = 'CLOSED', outcome = 'NO_RESPONSE' where status = 'OPEN' and created_at <= :due
                returning id, patient_id""", now, now.minus(settings.closeAfter()), null, "closed: no response", events);
        if (!events.isEmpty()) {
            audit.recordAll(events);
        }
        return new Run(followed, escalated, closed);
    }

    private int step(String sql, Instant now, Instant due, Long advisor, String detail, List<AuditEntry> events) {
        var spec = jdbc.sql(sql).param("now", Rows.utc(now)).param("due", Rows.utc(due));
        if (sql.contains(":advisor")) {
            spec = spec.param("advisor", advisor, java.sql.Types.BIGINT);
        }
        List<long[]> rows = spec.query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        rows.forEach(r -> events.add(audit.entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, r[1], "CdiQuery", r[0], detail)));
        return rows.size();
    }
}
