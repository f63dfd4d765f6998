package org.custodian.coding.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The coder worklist (discharged, not yet final-coded), DNFB and coder productivity, by SQL over
 * the coding module's own tables.
 */
@Repository
public class JdbcWorklist {

    /**
     * The expected payment of a stay in dollars: its kept MS-DRG's weight × the fiscal year's blended
     * base rate ({@code coding_drg}; final or working DRG, or from the chart's documented conditions
     * before coding). Stays without one (not inpatient, grouper version not loaded) sort last.
     */
    static final String EXPECTED = "d.expected_payment";

    /**
     * @param expectedPayment the summed expected payment of the stays in DNFB that have one, in dollars
     * @param priced          how many of them have one (inpatient stays grouped to a DRG in a year with a base rate)
     * @param notPriced       inpatient stays in DNFB without one (grouper version not loaded, no principal yet, ...)
     */
    public record Dnfb(long count, long totalDays, double averageDays, long oldestDays, List<DnfbByClass> byClass,
                List<AgingBucket> aging, java.math.BigDecimal expectedPayment, long priced, long notPriced) {
    }

    /** Encounters in DNFB whose whole days since discharge fall in [fromDays, toDays] (toDays null: no upper bound). */
    public record AgingBucket(String label, int fromDays, Integer toDays, long count, java.math.BigDecimal expectedPayment) {
    }

    /**
     * The aging buckets HIM departments and HFMA's revenue-cycle reports commonly use for DNFB:
     * 0–3 days is the normal coding window, past 30 is a backlog that delays cash.
     */
    static final int[][] AGING = {{0, 3}, {4, 7}, {8, 14}, {15, 30}, {31, -1}};

    public record DnfbByClass(String encounterClass, long count, long totalDays) {
    }

    public record Productivity(String coder, String encounterClass, long charts, double hours, double chartsPerHour) {
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcWorklist(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Discharged encounters whose billing abstract is not final. {@code sort}: {@code discharge}
     * (oldest first: the DNFB clock) or {@code reimbursement} (highest expected payment in dollars first,
     * then oldest; stays without one last).
     * The rows identify patients' stays, so the listing is audited: one SEARCH event for the list
     * that names every encounter on it (one event per row made a worklist view write dozens).
     */
    List<WorklistItem> worklist(String sort, String encounterClass, int limit) {
        return worklist(sort, encounterClass, null, null, limit);
    }

    /** As {@link #worklist(String, String, int)}, for discharges from {@code from} to {@code to} (days, inclusive; null: open). */
    List<WorklistItem> worklist(String sort, String encounterClass, java.time.LocalDate from, java.time.LocalDate to, int limit) {
        OffsetDateTime start = from == null ? null : from.atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime end = to == null ? null : to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        String order = "reimbursement".equals(sort) ? "expected desc nulls last, w.discharge_at, w.encounter_id"
                : "w.discharge_at, expected desc nulls last, w.encounter_id";
        Instant now = clock.instant();
        List<WorklistItem> items = jdbc.sql("""
                select w.encounter_id, w.patient_id, w.encounter_class, w.discharge_at, a.status, a.coder,
                       %s as expected, d.drg, d.source, d.message
                from coding_worklist w
                left join coding_abstract a on a.encounter_id = w.encounter_id and a.kind = 'BILLING'
                left join coding_drg d on d.encounter_id = w.encounter_id
                where a.status is distinct from 'FINAL' and (cast(? as text) is null or w.encounter_class = ?)
                  and (cast(? as timestamptz) is null or w.discharge_at >= ?)
                  and (cast(? as timestamptz) is null or w.discharge_at < ?)
                order by %s limit ?""".formatted(EXPECTED, order))
                .params(encounterClass, encounterClass, start, start, end, end, limit)
                .query((rs, n) -> {
                    Instant discharged = rs.getObject(4, OffsetDateTime.class).toInstant();
                    return new WorklistItem(rs.getLong(1), rs.getLong(2), rs.getString(3), discharged,
                            Math.max(0, Duration.between(discharged, now).toDays()),
                            rs.getString(5) == null ? "NEW" : rs.getString(5), rs.getString(6),
                            rs.getObject(8) == null ? null : String.format("%03d", rs.getInt(8)),
                            rs.getString(9) == null ? null : "FINDINGS".equals(rs.getString(9)) ? "working, from documentation" : "working",
                            rs.getBigDecimal(7), rs.getString(10));
                }).list();
        if (!items.isEmpty()) {
            java.util.Set<Long> people = new java.util.HashSet<>();
            items.forEach(i -> people.add(i.patientId()));
            audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, people.size() == 1 ? people.iterator().next() : null,
                    "CodingWorklist", null, items.size() + " encounter(s) listed: " + String.join(",",
                            items.stream().map(i -> Long.toString(i.encounterId())).toList()));
        }
        return items;
    }

    /**
     * Discharged, not final billed: here, discharged and the billing abstract not final (coding is
     * the step this module owns before the claim drops). Days are whole days since discharge.
     */
    Dnfb dnfb() {
        return dnfb(null, null);
    }

    /** As {@link #dnfb()}, for discharges from {@code from} to {@code to} (days, inclusive; null: open). */
    Dnfb dnfb(LocalDate from, LocalDate to) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        OffsetDateTime start = from == null ? null : from.atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime end = to == null ? null : to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        // One pass over the open encounters: days since discharge per encounter, then grouped.
        String open = """
                with open as (
                    select w.encounter_class, d.expected_payment as payment,
                           greatest(0, floor(extract(epoch from (cast(? as timestamptz) - w.discharge_at)) / 86400))::bigint as days
                    from coding_worklist w
                    left join coding_abstract a on a.encounter_id = w.encounter_id and a.kind = 'BILLING'
                    left join coding_drg d on d.encounter_id = w.encounter_id
                    where a.status is distinct from 'FINAL'
                      and (cast(? as timestamptz) is null or w.discharge_at >= ?)
                      and (cast(? as timestamptz) is null or w.discharge_at < ?))
                """;
        Object[] params = {now, start, start, end, end};
        List<DnfbByClass> byClass = jdbc.sql(open + """
                select encounter_class, count(*), coalesce(sum(days), 0)::bigint from open
                group by encounter_class order by encounter_class""")
                .params(params).query((rs, n) -> new DnfbByClass(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
        StringBuilder buckets = new StringBuilder(open).append("select coalesce(max(days), 0)");
        for (int[] b : AGING) {
            String in = "days >= " + b[0] + (b[1] < 0 ? "" : " and days <= " + b[1]);
            buckets.append(", count(*) filter (where ").append(in).append(')')
                    .append(", coalesce(sum(payment) filter (where ").append(in).append("), 0)");
        }
        buckets.append(", coalesce(sum(payment), 0), count(payment),"
                + " count(*) filter (where payment is null and encounter_class = 'INPATIENT')");
        java.math.BigDecimal[] figures = jdbc.sql(buckets.append(" from open").toString()).params(params)
                .query((rs, n) -> {
                    java.math.BigDecimal[] f = new java.math.BigDecimal[2 * AGING.length + 4];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = rs.getBigDecimal(i + 1);
                    }
                    return f;
                }).single();
        List<AgingBucket> aging = new ArrayList<>(AGING.length);
        for (int i = 0; i < AGING.length; i++) {
            int[] b = AGING[i];
            aging.add(new AgingBucket(b[1] < 0 ? ">" + (b[0] - 1) : b[0] + "–" + b[1], b[0], b[1] < 0 ? null : b[1],
                    figures[1 + 2 * i].longValue(), figures[2 + 2 * i]));
        }
        long count = byClass.stream().mapToLong(DnfbByClass::count).sum();
        long days = byClass.stream().mapToLong(DnfbByClass::totalDays).sum();
        int t = 1 + 2 * AGING.length;
        return new Dnfb(count, days, count == 0 ? 0 : Math.round(10.0 * days / count) / 10.0, figures[0].longValue(), byClass,
                aging, figures[t], figures[t + 1].longValue(), figures[t + 2].longValue());
    }

    /**
     * Charts per hour by coder and encounter class, over abstracts finalized in [from, to]. Hours
     * worked are not clocked here: for each coder and day, the span from the first abstract started
     * to the last finalized that day is taken as coding time (breaks count as work, so the figure is
     * conservative); a day with a single chart counts at least 15 minutes.
     */
    List<Productivity> productivity(LocalDate from, LocalDate to) {
        // A coder's day is a day at the hospital, not in UTC.
        OffsetDateTime start = from.atStartOfDay(clock.getZone()).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime();
        return jdbc.sql("""
                with finals as (
                    select a.coder, w.encounter_class, a.started_at, a.finalized_at,
                           (a.finalized_at at time zone :zone)::date as day
                    from coding_abstract a join coding_worklist w on w.encounter_id = a.encounter_id
                    where a.kind = 'BILLING' and a.status = 'FINAL' and a.finalized_at >= :start and a.finalized_at < :end),
                days as (
                    select coder, day, greatest(extract(epoch from max(finalized_at) - min(started_at)) / 3600.0, 0.25) as hours,
                           count(*) as charts
                    from finals group by coder, day)
                select f.coder, f.encounter_class, count(*) as charts,
                       sum(d.hours / d.charts) as hours
                from finals f join days d on d.coder = f.coder and d.day = f.day
                group by f.coder, f.encounter_class order by f.coder, f.encounter_class""")
                .param("zone", clock.getZone().getId()).param("start", start).param("end", end)
                .query((rs, n) -> {
                    double hours = Math.round(rs.getDouble(4) * 100) / 100.0;
                    long charts = rs.getLong(3);
                    return new Productivity(rs.getString(1), rs.getString(2), charts, hours,
                            hours == 0 ? 0 : Math.round(10.0 * charts / hours) / 10.0);
                }).list();
    }
}
