package org.custodian.coding.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartService;
import org.custodian.coding.CaseMix;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link CaseMix} over {@code coding_drg}: the DRG each inpatient stay was last grouped to, kept by
 * {@link JdbcAbstracts} on every save, finalize and reopen, and for stays not coded yet by
 * {@link #refreshMissing}.
 */
@Service
class CaseMixService implements CaseMix {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CaseMixService.class);

    private final JdbcClient jdbc;
    private final JdbcAbstracts abstracts;
    private final ChartService charts;
    private final AuditTrail audit;

    CaseMixService(JdbcClient jdbc, JdbcAbstracts abstracts, ChartService charts, AuditTrail audit) {
        this.jdbc = jdbc;
        this.abstracts = abstracts;
        this.charts = charts;
        this.audit = audit;
    }

    @Override
    public Report caseMixIndex(LocalDate from, LocalDate to, By by) {
        String key = switch (by) {
            case MONTH -> "to_char(discharge_date, 'YYYY-MM')";
            case SERVICE_LINE -> "coalesce(service, '(no service recorded)')";
            case ATTENDING -> "coalesce(attending, '(no attending recorded)')";
        };
        String where = """
                from coding_drg where final and discharge_date >= ? and discharge_date <= ?""";
        List<Group> groups = jdbc.sql("select " + key + ", count(*), sum(weight), coalesce(sum(expected_payment), 0) " + where
                        + " and weight is not null group by 1 order by " + (by == By.MONTH ? "1" : "count(*) desc, 1"))
                .params(from, to).query((rs, n) -> group(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4))).list();
        Group total = jdbc.sql("select count(*), coalesce(sum(weight), 0), coalesce(sum(expected_payment), 0) " + where
                        + " and weight is not null").params(from, to)
                .query((rs, n) -> group("all", rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3))).single();
        long notGrouped = jdbc.sql("select count(*) " + where + " and weight is null").params(from, to).query(Long.class).single();
        return new Report(from, to, by, total, groups, notGrouped, FORMULA);
    }

    static Group group(String key, long cases, BigDecimal weights, BigDecimal payment) {
        BigDecimal w = weights == null ? BigDecimal.ZERO : weights;
        return new Group(key, cases, w, cases == 0 ? BigDecimal.ZERO : w.divide(BigDecimal.valueOf(cases), 4, RoundingMode.HALF_UP),
                payment == null ? BigDecimal.ZERO : payment);
    }

    @Override
    public EncounterDrg encounterDrg(long encounterId) {
        AbstractDrg d = abstracts.working(encounterId);
        audit.patient(AuditAction.READ, charts.encounter(encounterId).patientId(), "EncounterDrg", encounterId);
        return new EncounterDrg(encounterId, d.grouped() ? d.stage() : null, d.drg(), d.title(), d.version(), d.weight(),
                d.expectedPayment(), d.payment(), d.grouped() ? d.paymentProblem() : d.message());
    }

    @Override
    public java.util.Set<Long> finalCoded(java.util.Collection<Long> encounterIds) {
        if (encounterIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select encounter_id from coding_abstract where kind = 'BILLING' and status = 'FINAL'"
                + " and encounter_id = any(?)").param(encounterIds.toArray(Long[]::new)).query(Long.class).list());
    }

    /** Groups these encounters again (the inpatient ones kept; others skipped), e.g. after a bulk import. */
    int regroup(java.util.Collection<Long> encounterIds) {
        List<Long> inpatient = jdbc.sql("select encounter_id from coding_worklist where encounter_class = 'INPATIENT' "
                + "and encounter_id = any(?)").param(encounterIds.toArray(Long[]::new)).query(Long.class).list();
        return regroupEach(inpatient);
    }

    private int regroupEach(List<Long> ids) {
        int n = 0;
        for (long id : ids) {
            try {
                abstracts.regroup(id);
                n++;
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    // Shutting down: the rest are grouped by the next refresh, not logged one by one as failures.
                    log.info("regrouping stopped by shutdown after {} of {} encounters", n, ids.size());
                    break;
                }
                log.warn("encounter {} not grouped: {}", id, e.toString());
            }
        }
        return n;
    }

    /**
     * Groups the discharged inpatient stays on the worklist, or final-coded, that have no kept DRG yet:
     * stays not coded get a working DRG from the chart's findings, final abstracts recorded in bulk
     * (the demo's past, a migrated history) their final DRG. At most {@code limit} per call.
     *
     * @return how many were grouped
     */
    int refreshMissing(int limit) {
        List<Long> missing = jdbc.sql("""
                select w.encounter_id from coding_worklist w
                left join coding_drg d on d.encounter_id = w.encounter_id
                where w.encounter_class = 'INPATIENT' and d.encounter_id is null
                order by w.discharge_at desc limit ?""").param(limit).query(Long.class).list();
        return regroupEach(missing);
    }
}
