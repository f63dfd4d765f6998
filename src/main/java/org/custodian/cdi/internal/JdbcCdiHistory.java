package org.custodian.cdi.internal;

import java.time.Instant;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.cdi.CdiHistory;
import org.custodian.cdi.CdiQueries;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link CdiHistory}: {@link JdbcCdiQueries}' create and answer at a past moment, and an escalation on one query. */
@Service
class JdbcCdiHistory implements CdiHistory {

    private final JdbcCdiQueries queries;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final CdiSettings settings;
    private final HospitalClock clock;
    private final org.custodian.chart.ChartService charts;

    JdbcCdiHistory(JdbcCdiQueries queries, JdbcClient jdbc, AuditTrail audit, CdiSettings settings, java.time.Clock clock,
                   org.custodian.chart.ChartService charts) {
        this.charts = charts;
        this.queries = queries;
        this.jdbc = jdbc;
        this.audit = audit;
        this.settings = settings;
        this.clock = HospitalClock.of(clock);
    }

    private Instant past(String field, Instant at) {
        if (at == null || at.isAfter(clock.instant())) {
            throw Problem.invalid("invalid-cdi-history", field + ": a moment in the past");
        }
        return at;
    }

    @Override
    @Transactional
    public void reviewed(long encounterId, Instant reviewedAt) {
        org.custodian.chart.Encounter e = charts.encounter(encounterId);
        Instant at = past("reviewedAt", reviewedAt);
        jdbc.sql("insert into cdi_review (encounter_id, patient_id, reviewer, service, reviewed_at, timing) values (?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.patientId(), JdbcCdiQueries.username(), e.service(), Rows.utc(at), queries.timing(e, at).name()).update();
        audit.patient(AuditAction.READ, e.patientId(), "CdiReview", encounterId);
    }

    @Override
    @Transactional
    public CdiQueries.Query sent(CdiQueries.NewQuery query, Instant sentAt) {
        return queries.create(query, past("sentAt", sentAt));
    }

    @Override
    @Transactional
    public CdiQueries.Query answered(long queryId, CdiQueries.Answer answer, Instant answeredAt) {
        CdiQueries.Query q = queries.load(queryId);
        if (past("answeredAt", answeredAt).isBefore(q.createdAt())) {
            throw Problem.invalid("invalid-cdi-history", "answeredAt: after the query was sent (" + q.createdAt() + ")");
        }
        return queries.answer(queryId, answer, answeredAt);
    }

    @Override
    @Transactional
    public CdiQueries.Query escalated(long queryId, Instant escalatedAt) {
        CdiQueries.Query q = queries.load(queryId);
        if (q.escalatedAt() != null && "OPEN".equals(q.status())) {
            return q; // escalated already (by the escalation job): the first escalation stands
        }
        if (past("escalatedAt", escalatedAt).isBefore(q.createdAt()) || !"OPEN".equals(q.status())) {
            throw Problem.conflict("cdi-query-not-escalated", "Query not escalated",
                    "Query " + queryId + " is " + q.status().toLowerCase() + "; only an open query is escalated, after it was sent");
        }
        jdbc.sql("""
                update cdi_query set followed_up_at = coalesce(followed_up_at, :at), escalated_at = :at, escalated_to = cast(:advisor as bigint)
                where id = :id""").param("at", Rows.utc(escalatedAt)).param("advisor", settings.physicianAdvisor(), java.sql.Types.BIGINT)
                .param("id", queryId).update();
        audit.patient(AuditAction.UPDATE, q.patientId(), "CdiQuery", queryId);
        return queries.load(queryId);
    }
}
