package org.custodian.mpi.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.HospitalClock;
import org.custodian.mpi.internal.MpiKpis.DuplicateRate;
import org.custodian.patient.RegistrationSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * AHIMA's duplicate rates ("Fundamentals for Building a Master Patient Index/Enterprise Master Patient
 * Index" practice brief), counted over the registrations of a period or of a source:
 * the <em>creation rate</em> is confirmed duplicates (registrations merged into another record; a duplicate
 * was created when it was registered) over the registrations; the <em>error rate</em> is the registrations
 * still suspected on the duplicate worklist (the newer registration of a pending pair, not merged) over the
 * registrations. Months are the hospital's calendar months.
 */
final class DuplicateRates {

    static final int MONTHS = 12;

    /**
     * One pass over the period's registrations, joined to the suspected set once (no per-row subquery),
     * counted by month and by source at once (grouping sets; {@code grouping(month)} tells the two apart).
     */
    private static final String COUNTS = """
            with suspected as (select distinct patient_b as id from mpi_pair where status in ('OPEN', 'NEEDS_RESEARCH')),
            registrations as (
                select to_char(p.created_at at time zone ?, 'YYYY-MM') as month, p.registration_source as source,
                       p.merged_into is not null as merged, p.merged_into is null and s.id is not null as pending
                from patient p left join suspected s on s.id = p.id
                where p.created_at >= ?)
            select grouping(month) = 0 as by_month, coalesce(month, source), count(*),
                   count(*) filter (where merged), count(*) filter (where pending)
            from registrations group by grouping sets ((month), (source))""";

    /** The rates by month and by source over the same registrations. */
    record Both(List<DuplicateRate> byMonth, List<DuplicateRate> bySource) {
    }

    private final JdbcClient jdbc;
    private final HospitalClock clock;

    DuplicateRates(JdbcClient jdbc, HospitalClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The first day of the oldest month shown: the current hospital month and the eleven before it. */
    LocalDate since() {
        return YearMonth.from(clock.today()).minusMonths(MONTHS - 1).atDay(1);
    }

    /** The last twelve hospital months, oldest first, months without registrations included; and by source, in words. */
    Both both() {
        Map<String, long[]> months = new LinkedHashMap<>();
        Map<String, long[]> sources = new LinkedHashMap<>();
        jdbc.sql(COUNTS).param(clock.getZone().getId()).param(clock.startOf(since()).atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    (rs.getBoolean(1) ? months : sources).put(rs.getString(2), new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                });
        List<DuplicateRate> byMonth = new ArrayList<>(MONTHS);
        YearMonth first = YearMonth.from(since());
        for (int i = 0; i < MONTHS; i++) {
            String label = first.plusMonths(i).toString();
            long[] c = months.getOrDefault(label, new long[3]);
            byMonth.add(DuplicateRate.of(label, c[0], c[1], c[2]));
        }
        // Every source listed, even without registrations.
        List<DuplicateRate> bySource = Arrays.stream(RegistrationSource.values()).map(s -> {
            long[] c = sources.getOrDefault(s.name(), new long[3]);
            return DuplicateRate.of(s.words(), c[0], c[1], c[2]);
        }).toList();
        return new Both(byMonth, bySource);
    }
}
