package org.custodian.cdi.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.custodian.cdi.CdiRule;
import org.custodian.cdi.CdiWorklist.Reason;
import org.custodian.chart.RecordFacts.Measurement;

/**
 * The worklist rules over one stay's facts: pure, so that each rule is tested at its threshold. A rule
 * fires when its indicator is in the record, its context is (an infection, a transfusion), and no
 * satisfying ICD-10-CM code is documented.
 */
final class RuleEngine {

    /**
     * What a rule looks at for one stay: the stay's numeric Observations (any LOINC, time order), its
     * ICD-10-CM diagnoses (principal first; codes without dots), every coded finding (diagnoses and
     * procedures, any system) and the working MS-DRG.
     */
    record StayFacts(List<Measurement> measurements, List<String> diagnoses, List<String> allCodes, Drg drg) {
    }

    /** The working MS-DRG: {@code severity} MCC, CC, NON_CC or NONE; {@code mccSplit} the DRG's family has a "with MCC" member. */
    record Drg(String drg, String title, String severity, boolean mccSplit) {
    }

    private RuleEngine() {
    }

    static String normalize(String code) {
        return code == null ? "" : code.replace(".", "").trim().toUpperCase(Locale.ROOT);
    }

    static boolean anyStartsWith(List<String> codes, List<String> prefixes) {
        for (String c : codes) {
            String n = normalize(c);
            for (String p : prefixes) {
                if (!p.isBlank() && n.startsWith(normalize(p))) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<Reason> evaluate(List<CdiRule> rules, StayFacts facts) {
        List<Reason> out = new ArrayList<>();
        for (CdiRule r : rules) {
            if (!r.active()) {
                continue;
            }
            String hit = hit(r, facts);
            if (hit != null) {
                out.add(new Reason(r.id(), r.title() + ": " + hit, r.citation(), r.template()));
            }
        }
        return out;
    }

    /** What fired the rule, in words, or null. */
    static String hit(CdiRule r, StayFacts f) {
        if (anyStartsWith(f.diagnoses(), r.satisfyingCodes())) {
            return null;
        }
        boolean contextual = !r.requiresCodes().isEmpty() && !"UNSPECIFIED_PRINCIPAL".equals(r.operator());
        if (contextual && !anyStartsWith(f.allCodes(), r.requiresCodes())) {
            return null;
        }
        List<Measurement> m = f.measurements().stream().filter(x -> r.loinc().contains(x.loinc()) && x.value() != null).toList();
        BigDecimal t = r.threshold();
        switch (r.operator()) {
            case "BELOW" -> {
                return m.stream().filter(x -> x.value().compareTo(t) < 0).min((a, b) -> a.value().compareTo(b.value()))
                        .map(x -> value(x) + " below " + plain(t)).orElse(null);
            }
            case "ABOVE" -> {
                return m.stream().filter(x -> x.value().compareTo(t) > 0).max((a, b) -> a.value().compareTo(b.value()))
                        .map(x -> value(x) + " above " + plain(t)).orElse(null);
            }
            case "AT_LEAST" -> {
                return m.stream().filter(x -> x.value().compareTo(t) >= 0).max((a, b) -> a.value().compareTo(b.value()))
                        .map(x -> value(x) + " at or above " + plain(t)).orElse(null);
            }
            case "RISE_RATIO" -> {
                return change(m, r, true);
            }
            case "DROP" -> {
                return change(m, r, false);
            }
            case "DRG_MCC_SPLIT" -> {
                Drg d = f.drg();
                if (d != null && d.drg() != null && d.mccSplit() && ("CC".equals(d.severity()) || "NON_CC".equals(d.severity()))) {
                    return "working MS-DRG " + d.drg() + " " + d.title();
                }
                return null;
            }
            case "UNSPECIFIED_PRINCIPAL" -> {
                if (f.diagnoses().isEmpty()) {
                    return null;
                }
                String principal = normalize(f.diagnoses().get(0));
                return r.requiresCodes().stream().map(RuleEngine::normalize).anyMatch(principal::equals)
                        ? "principal diagnosis " + f.diagnoses().get(0) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A rise (ratio of a value to the lowest earlier value) or a drop (highest earlier value minus a
     * value) within the rule's window; the largest one when it reaches the threshold.
     */
    private static String change(List<Measurement> m, CdiRule r, boolean rise) {
        Duration window = r.windowHours() == null ? Duration.ofDays(3650) : Duration.ofHours(r.windowHours());
        BigDecimal best = null;
        Measurement from = null;
        Measurement to = null;
        for (int j = 0; j < m.size(); j++) {
            Measurement b = m.get(j);
            for (int i = 0; i < m.size(); i++) {
                Measurement a = m.get(i);
                if (i == j || a.at() == null || b.at() == null || a.at().isAfter(b.at())
                        || Duration.between(a.at(), b.at()).compareTo(window) > 0 || (a.at().equals(b.at()) && i > j)) {
                    continue;
                }
                BigDecimal c;
                if (rise) {
                    if (a.value().signum() <= 0) {
                        continue;
                    }
                    c = b.value().divide(a.value(), 4, RoundingMode.HALF_UP);
                } else {
                    c = a.value().subtract(b.value());
                }
                if (best == null || c.compareTo(best) > 0) {
                    best = c;
                    from = a;
                    to = b;
                }
            }
        }
        if (best == null || best.compareTo(r.threshold()) < 0) {
            return null;
        }
        return rise
                ? value(from) + " to " + value(to) + " (" + plain(best.setScale(2, RoundingMode.HALF_UP)) + "×, threshold " + plain(r.threshold()) + "×)"
                : value(from) + " to " + value(to) + " (drop " + plain(best) + ", threshold " + plain(r.threshold()) + ")";
    }

    static String value(Measurement x) {
        return (x.name() == null ? x.loinc() : x.name()) + " " + plain(x.value()) + (x.unit() == null ? "" : " " + x.unit())
                + (x.at() == null ? "" : " at " + x.at());
    }

    static String plain(BigDecimal b) {
        return b == null ? "" : b.stripTrailingZeros().toPlainString();
    }

    static boolean after(Instant at, Instant from) {
        return at != null && !at.isBefore(from);
    }
}
