package org.custodian.cdi.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.Rows;
import org.custodian.cdi.CdiMeasures;
import org.custodian.chart.RecordFacts;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link CdiMeasures} from {@code cdi_query} and {@code cdi_review} of the period, grouped in memory. */
@Service
class JdbcCdiMeasures implements CdiMeasures {

    static final Map<String, String> FORMULAS = formulas();

    private static Map<String, String> formulas() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("reviewRate", "review rate = distinct stays reviewed ÷ inpatient stays in house or discharged in the period");
        f.put("queryRate", "query rate = distinct stays queried ÷ distinct stays reviewed");
        f.put("responseRate", "response rate = queries answered ÷ queries sent");
        f.put("meanResponseHours", "response time = mean of (answered at − sent at) over answered queries, hours");
        f.put("agreementRate", "agreement rate = answers agreed ÷ queries answered");
        f.put("ccMccCaptureRate", "CC/MCC capture rate = answered queries after which the working MS-DRG's severity rose to CC or MCC ÷ queries answered");
        f.put("cmiEffect", "CMI effect = Σ (relative weight after − before) of answered queries ÷ distinct stays queried");
        f.put("paymentEffect", "payment effect = Σ (expected payment after − before) of answered queries, dollars");
        return java.util.Collections.unmodifiableMap(f);
    }

    record Row(long encounterId, String specialist, long practitionerId, String service, Instant createdAt, Instant answeredAt,
               String outcome, BigDecimal weightBefore, BigDecimal weightAfter, BigDecimal paymentBefore, BigDecimal paymentAfter,
               String severityBefore, String severityAfter) {
    }

    record Review(long encounterId, String reviewer, String service) {
    }

    private final JdbcClient jdbc;
    private final RecordFacts facts;
    private final ProviderDirectory directory;
    private final HospitalClock clock;

    JdbcCdiMeasures(JdbcClient jdbc, RecordFacts facts, ProviderDirectory directory, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.directory = directory;
        this.clock = HospitalClock.of(clock);
    }

    @Override
    public Measures measures(LocalDate from, LocalDate to) {
        LocalDate t = to == null ? clock.today() : to;
        LocalDate f = from == null ? t.minusDays(30) : from;
        if (t.isBefore(f)) {
            throw Problem.invalid("invalid-period", "to: before from");
        }
        Instant start = f.atStartOfDay(clock.getZone()).toInstant();
        Instant end = t.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        List<Row> rows = jdbc.sql("""
                select encounter_id, created_by, practitioner_id, service, created_at, answered_at, outcome, weight_before, weight_after,
                       payment_before, payment_after, severity_before, severity_after
                from cdi_query where created_at >= ? and created_at < ?""").params(Rows.utc(start), Rows.utc(end))
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), Rows.instant(rs, 5),
                        Rows.instant(rs, 6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10),
                        rs.getBigDecimal(11), rs.getString(12), rs.getString(13))).list();
        List<Review> reviews = jdbc.sql("select encounter_id, reviewer, service from cdi_review where reviewed_at >= ? and reviewed_at < ?")
                .params(Rows.utc(start), Rows.utc(end)).query((rs, i) -> new Review(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        Set<Long> eligible = new HashSet<>();
        facts.inHouse().forEach(s -> eligible.add(s.encounterId()));
        facts.dischargedSince(start).forEach(s -> eligible.add(s.encounterId()));
        Set<Long> reviewed = reviews.stream().map(Review::encounterId).collect(Collectors.toSet());
        Map<Long, Practitioner> physicians = directory.byIds(rows.stream().map(Row::practitionerId).distinct().toList());
        Group total = group("all", rows, reviews);
        return new Measures(f, t, eligible.size(), rate(reviewed.size(), eligible.size()), total,
                by(rows, reviews, Row::specialist, Review::reviewer),
                by(rows, reviews, r -> physicians.containsKey(r.practitionerId()) ? physicians.get(r.practitionerId()).display()
                        : "practitioner " + r.practitionerId(), null),
                by(rows, reviews, r -> r.service() == null ? "(no service recorded)" : r.service(),
                        v -> v.service() == null ? "(no service recorded)" : v.service()),
                FORMULAS);
    }

    private static List<Group> by(List<Row> rows, List<Review> reviews, Function<Row, String> key, Function<Review, String> reviewKey) {
        Map<String, List<Row>> q = rows.stream().collect(Collectors.groupingBy(key));
        Map<String, List<Review>> r = reviewKey == null ? Map.of() : reviews.stream().collect(Collectors.groupingBy(reviewKey));
        Set<String> keys = new HashSet<>(q.keySet());
        keys.addAll(r.keySet());
        List<Group> out = new ArrayList<>();
        for (String k : keys) {
            out.add(group(k, q.getOrDefault(k, List.of()), r.getOrDefault(k, List.of())));
        }
        out.sort(Comparator.comparing(Group::queries).reversed().thenComparing(Group::key));
        return out;
    }

    static Group group(String key, List<Row> rows, List<Review> reviews) {
        long reviewed = reviews.stream().map(Review::encounterId).distinct().count();
        long queried = rows.stream().map(Row::encounterId).distinct().count();
        List<Row> answered = rows.stream().filter(r -> r.answeredAt() != null).toList();
        long agreed = count(rows, "AGREED");
        long captured = answered.stream().filter(r -> JdbcCdiQueries.rank(r.severityAfter()) > JdbcCdiQueries.rank(r.severityBefore())
                && JdbcCdiQueries.rank(r.severityAfter()) > 0).count();
        BigDecimal hours = answered.isEmpty() ? null : BigDecimal.valueOf(answered.stream()
                .mapToLong(r -> Duration.between(r.createdAt(), r.answeredAt()).toMinutes()).sum())
                .divide(BigDecimal.valueOf(60L * answered.size()), 1, RoundingMode.HALF_UP);
        BigDecimal weight = answered.stream().filter(r -> r.weightAfter() != null && r.weightBefore() != null)
                .map(r -> r.weightAfter().subtract(r.weightBefore())).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal payment = answered.stream().filter(r -> r.paymentAfter() != null && r.paymentBefore() != null)
                .map(r -> r.paymentAfter().subtract(r.paymentBefore())).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Group(key, reviewed, queried, rows.size(), answered.size(), agreed, count(rows, "DISAGREED"),
                count(rows, "UNDETERMINED"), count(rows, "NO_RESPONSE"), captured, rate(queried, reviewed),
                rate(answered.size(), rows.size()), hours, rate(agreed, answered.size()), rate(captured, answered.size()), weight,
                queried == 0 ? null : weight.divide(BigDecimal.valueOf(queried), 4, RoundingMode.HALF_UP), payment);
    }

    private static long count(List<Row> rows, String outcome) {
        return rows.stream().filter(r -> outcome.equals(r.outcome())).count();
    }

    static BigDecimal rate(long numerator, long denominator) {
        return denominator == 0 ? null : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }
}
