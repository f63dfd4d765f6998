package org.custodian.analytics.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric.Period;
import org.custodian.coding.CodingFigures;
import org.junit.jupiter.api.Test;

/** DNFB dollars: the sum of what can be priced; no figure, not $0, when stays wait and none has a price. */
class DnfbDollarsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:00:00Z");
    private static final HospitalClock CLOCK = HospitalClock.fixed(NOW, ZoneId.of("America/New_York"));
    private static final Period DECEMBER = new Period(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 31),
            Instant.parse("2026-12-01T05:00:00Z"), NOW);

    /** The coding module's figures as its tables would give them: open encounters and the payments of those grouped. */
    private record Figures(List<OpenEncounter> open, Map<Long, BigDecimal> payments) implements CodingFigures {
        public List<OpenEncounter> dnfbAt(Instant at) { return open; }
        public List<FinalizedChart> finalized(Instant from, Instant to) { return List.of(); }
        public List<AuditedChart> audited(Instant from, Instant to) { return List.of(); }
        public List<GroupedStay> finalStays(LocalDate from, LocalDate to) { return List.of(); }
        public Map<Long, BigDecimal> expectedPayments(Collection<Long> ids) {
            return payments.entrySet().stream().filter(e -> ids.contains(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private static CodingFigures.OpenEncounter open(long id, String encounterClass) {
        return new CodingFigures.OpenEncounter(id, 100 + id, encounterClass, NOW.minusSeconds(86_400 * 3), 3);
    }

    @Test
    void sumsThePricedStays() {
        var figures = new Figures(List.of(open(1, "INPATIENT"), open(2, "INPATIENT"), open(3, "OUTPATIENT")),
                Map.of(1L, new BigDecimal("8123.45"), 2L, new BigDecimal("1000.00")));
        assertThat(new DnfbDollars(figures, CLOCK).value(DECEMBER)).isEqualTo(9123.45);
    }

    @Test
    void staysWaitingWithoutAnyPriceAreNoFigureRatherThanZeroDollars() {
        var figures = new Figures(List.of(open(1, "INPATIENT"), open(3, "OUTPATIENT")), Map.of());
        assertThat(new DnfbDollars(figures, CLOCK).value(DECEMBER)).isNull();
    }

    @Test
    void onlyOutpatientEncountersWaitingIsZeroDollars() {
        var figures = new Figures(List.of(open(3, "OUTPATIENT")), Map.of());
        assertThat(new DnfbDollars(figures, CLOCK).value(DECEMBER)).isEqualTo(0.0);
    }
}
