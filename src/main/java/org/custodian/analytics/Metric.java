package org.custodian.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;

/**
 * One KPI: what it is, how it is computed, the target it is held to and where that target comes
 * from, who may see it. A metric is one Spring bean implementing this interface (under
 * {@code org.custodian.analytics.internal.metrics}); the registry, the API, the dashboard, CSV and
 * the Prometheus gauges pick it up with nothing else to change. It asks its module's public API
 * for figures and never reads another module's tables.
 */
public interface Metric {

    /** Stable id, used in URLs and as the gauge name: lower-case words joined by hyphens. */
    String id();

    String name();

    /** The formula in words: numerator and denominator, what counts and what does not. */
    String formula();

    /** The module whose figures these are. */
    String module();

    Unit unit();

    /** The target and its source (a regulation, a professional body, the bylaws), or null if none is set. */
    Target target();

    /** Who may see the figure and the records behind it. */
    Permission permission();

    /** Roles whose home page shows this figure as a tile. */
    default Set<Role> homeOf() {
        return Set.of(Role.HIM_DIRECTOR);
    }

    /**
     * True when the figure can be computed for a past period (from dated rows); false for a figure
     * known only now (a chain verification, today's credential status): its series has only the
     * current period.
     */
    default boolean historical() {
        return true;
    }

    /** True when the figure is the signed-in user's own (a coder's productivity): no gauge is kept. */
    default boolean personal() {
        return false;
    }

    /** The value for the period (a snapshot figure: as it stood at {@link Period#end()}); null when there is no data. */
    Double value(Period period);

    /** The records behind the value for the period. */
    List<Row> rows(Period period);

    enum Unit {
        COUNT("", 0, "Count"), DAYS("days", 1, "days"), PERCENT("%", 1, "%"), RATE("charts/hour", 1, "charts/hour"),
        STATUS("", 0, "Intact or broken"), INDEX("", 4, "Index (relative weight per case)"), DOLLARS("$", 0, "US dollars");

        private final String suffix;
        private final int decimals;
        private final String words;

        Unit(String suffix, int decimals, String words) {
            this.suffix = suffix;
            this.decimals = decimals;
            this.words = words;
        }

        public String suffix() {
            return suffix;
        }

        public int decimals() {
            return decimals;
        }

        /** The unit as the metric's page names it. */
        public String words() {
            return words;
        }
    }

    /** The figure should be at most or at least {@code value}; {@code source} cites why. */
    record Target(Comparison comparison, double value, String source) {

        public enum Comparison {
            AT_MOST("≤"), AT_LEAST("≥");

            private final String sign;

            Comparison(String sign) {
                this.sign = sign;
            }

            public String sign() {
                return sign;
            }
        }

        public static Target atMost(double value, String source) {
            return new Target(Comparison.AT_MOST, value, source);
        }

        public static Target atLeast(double value, String source) {
            return new Target(Comparison.AT_LEAST, value, source);
        }

        public boolean met(double actual) {
            return comparison == Comparison.AT_MOST ? actual <= value + 1e-9 : actual >= value - 1e-9;
        }
    }

    /**
     * A period of whole days in the hospital's zone, {@code from} to {@code to} inclusive;
     * {@code start} and {@code end} are its instants, {@code end} capped at now for the current period.
     */
    record Period(LocalDate from, LocalDate to, Instant start, Instant end) {
    }

    /**
     * A record behind a figure: the patient (named by the registry with name and MRN) and the
     * encounter when there is one, what the record is, a detail and its date.
     */
    record Row(Long patientId, Long encounterId, String item, String detail, LocalDate date) {
    }
}
