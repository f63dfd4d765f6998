package org.custodian.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.custodian.cdi.CdiRule;
import org.custodian.chart.RecordFacts.Measurement;
import org.junit.jupiter.api.Test;

/** Each worklist rule at its threshold: just below, at and just above, with and without a satisfying code. */
class RuleEngineTest {

    static final Instant T0 = Instant.parse("2026-09-20T08:00:00Z");

    static CdiRule rule(String id, String op, List<String> loinc, String threshold, Integer window, List<String> requires,
                        List<String> satisfying) {
        return new CdiRule(id, id, op, loinc, threshold == null ? null : new BigDecimal(threshold), window, requires, satisfying,
                "open-ended", "citation", true, 1);
    }

    static final CdiRule SODIUM = rule("hyponatremia", "BELOW", List.of("2951-2"), "135", null, List.of(), List.of("E871"));
    static final CdiRule AKI = rule("aki", "RISE_RATIO", List.of("2160-0"), "1.5", 168, List.of(), List.of("N17"));
    static final CdiRule SEPSIS = rule("sepsis", "ABOVE", List.of("2524-7", "32693-4"), "2", null, List.of("J18", "N390"),
            List.of("A40", "A41", "R652"));
    static final CdiRule BMI = rule("obesity", "AT_LEAST", List.of("39156-5"), "40", null, List.of(), List.of("E66", "Z684"));
    static final CdiRule ABLA = rule("blood-loss-anemia", "DROP", List.of("718-7"), "2", 72, List.of("30233N1"), List.of("D62"));
    static final CdiRule MCC = rule("mcc-split", "DRG_MCC_SPLIT", List.of(), null, null, List.of(), List.of());
    static final CdiRule UNSPECIFIED = rule("unspecified-principal", "UNSPECIFIED_PRINCIPAL", List.of(), null, null,
            List.of("J189", "I509"), List.of());

    static Measurement m(String loinc, String value, int hours) {
        return new Measurement(1, "f", 1, 1L, loinc, loinc, new BigDecimal(value), "u", T0.plusSeconds(hours * 3600L));
    }

    static RuleEngine.StayFacts facts(List<Measurement> m, List<String> dx, List<String> px) {
        List<String> all = new java.util.ArrayList<>(dx);
        all.addAll(px);
        return new RuleEngine.StayFacts(m, dx, all, null);
    }

    static boolean fires(CdiRule r, RuleEngine.StayFacts f) {
        return RuleEngine.hit(r, f) != null;
    }

    @Test
    void sodiumFiresBelow135Only() {
        assertThat(fires(SODIUM, facts(List.of(m("2951-2", "134.9", 0)), List.of("J189"), List.of()))).isTrue();
        assertThat(fires(SODIUM, facts(List.of(m("2951-2", "135", 0)), List.of("J189"), List.of()))).isFalse();
        assertThat(fires(SODIUM, facts(List.of(m("2951-2", "135.1", 0)), List.of("J189"), List.of()))).isFalse();
        assertThat(fires(SODIUM, facts(List.of(m("2951-2", "130", 0)), List.of("J189", "E87.1"), List.of())))
                .as("hyponatremia documented").isFalse();
    }

    @Test
    void creatinineRiseOfOneAndAHalfTimesBaselineWithinSevenDays() {
        assertThat(fires(AKI, facts(List.of(m("2160-0", "1.0", 0), m("2160-0", "1.49", 48)), List.of(), List.of()))).isFalse();
        assertThat(fires(AKI, facts(List.of(m("2160-0", "1.0", 0), m("2160-0", "1.5", 48)), List.of(), List.of()))).isTrue();
        assertThat(fires(AKI, facts(List.of(m("2160-0", "1.0", 0), m("2160-0", "1.6", 48)), List.of(), List.of()))).isTrue();
        assertThat(fires(AKI, facts(List.of(m("2160-0", "1.0", 0), m("2160-0", "2.0", 169)), List.of(), List.of())))
                .as("outside the 7-day window").isFalse();
        assertThat(fires(AKI, facts(List.of(m("2160-0", "1.5", 0), m("2160-0", "1.0", 48)), List.of(), List.of())))
                .as("a fall is no rise").isFalse();
        assertThat(fires(AKI, facts(List.of(m("2160-0", "1.0", 0), m("2160-0", "2.0", 48)), List.of("N17.9"), List.of()))).isFalse();
    }

    @Test
    void lactateAboveTwoWithAnInfectionWithoutSepsis() {
        assertThat(fires(SEPSIS, facts(List.of(m("2524-7", "1.9", 0)), List.of("J18.9"), List.of()))).isFalse();
        assertThat(fires(SEPSIS, facts(List.of(m("2524-7", "2.0", 0)), List.of("J18.9"), List.of()))).as("at 2: not above").isFalse();
        assertThat(fires(SEPSIS, facts(List.of(m("32693-4", "2.1", 0)), List.of("J18.9"), List.of()))).isTrue();
        assertThat(fires(SEPSIS, facts(List.of(m("2524-7", "4.0", 0)), List.of("I50.9"), List.of()))).as("no infection").isFalse();
        assertThat(fires(SEPSIS, facts(List.of(m("2524-7", "4.0", 0)), List.of("J18.9", "A41.9"), List.of()))).isFalse();
    }

    @Test
    void bmiOfFortyOrMoreWithoutObesity() {
        assertThat(fires(BMI, facts(List.of(m("39156-5", "39.9", 0)), List.of(), List.of()))).isFalse();
        assertThat(fires(BMI, facts(List.of(m("39156-5", "40", 0)), List.of(), List.of()))).isTrue();
        assertThat(fires(BMI, facts(List.of(m("39156-5", "40.1", 0)), List.of(), List.of()))).isTrue();
        assertThat(fires(BMI, facts(List.of(m("39156-5", "45", 0)), List.of("E66.01"), List.of()))).isFalse();
    }

    @Test
    void hemoglobinDropOfTwoWithATransfusion() {
        assertThat(fires(ABLA, facts(List.of(m("718-7", "11.0", 0), m("718-7", "9.1", 24)), List.of(), List.of("30233N1")))).isFalse();
        assertThat(fires(ABLA, facts(List.of(m("718-7", "11.0", 0), m("718-7", "9.0", 24)), List.of(), List.of("30233N1")))).isTrue();
        assertThat(fires(ABLA, facts(List.of(m("718-7", "11.0", 0), m("718-7", "8.9", 24)), List.of(), List.of("30233N1")))).isTrue();
        assertThat(fires(ABLA, facts(List.of(m("718-7", "11.0", 0), m("718-7", "8.0", 24)), List.of(), List.of())))
                .as("no transfusion").isFalse();
        assertThat(fires(ABLA, facts(List.of(m("718-7", "11.0", 0), m("718-7", "8.0", 73)), List.of(), List.of("30233N1"))))
                .as("outside the 72-hour window").isFalse();
        assertThat(fires(ABLA, facts(List.of(m("718-7", "11.0", 0), m("718-7", "8.0", 24)), List.of("D62"), List.of("30233N1")))).isFalse();
    }

    @Test
    void aDrgFamilyWithAnMccSplitNotReached() {
        RuleEngine.StayFacts cc = new RuleEngine.StayFacts(List.of(), List.of("J189"), List.of("J189"),
                new RuleEngine.Drg("194", "Simple Pneumonia and Pleurisy with CC", "CC", true));
        RuleEngine.StayFacts mcc = new RuleEngine.StayFacts(List.of(), List.of("J189"), List.of("J189"),
                new RuleEngine.Drg("193", "Simple Pneumonia and Pleurisy with MCC", "MCC", false));
        RuleEngine.StayFacts noSplit = new RuleEngine.StayFacts(List.of(), List.of("X"), List.of("X"),
                new RuleEngine.Drg("999", "Ungroupable", "NONE", false));
        assertThat(fires(MCC, cc)).isTrue();
        assertThat(fires(MCC, mcc)).isFalse();
        assertThat(fires(MCC, noSplit)).isFalse();
    }

    @Test
    void anUnspecifiedPrincipalDiagnosis() {
        assertThat(fires(UNSPECIFIED, facts(List.of(), List.of("J18.9", "E11.9"), List.of()))).isTrue();
        assertThat(fires(UNSPECIFIED, facts(List.of(), List.of("J15.1", "J18.9"), List.of()))).as("only the principal").isFalse();
        assertThat(fires(UNSPECIFIED, facts(List.of(), List.of(), List.of()))).isFalse();
    }

    @Test
    void anInactiveRuleNeverFires() {
        CdiRule off = new CdiRule("x", "x", "BELOW", List.of("2951-2"), new BigDecimal("135"), null, List.of(), List.of(), null, "c", false, 2);
        assertThat(RuleEngine.evaluate(List.of(off), facts(List.of(m("2951-2", "120", 0)), List.of(), List.of()))).isEmpty();
        assertThat(RuleEngine.evaluate(List.of(SODIUM), facts(List.of(m("2951-2", "120", 0)), List.of(), List.of())))
                .singleElement().satisfies(r -> assertThat(r.text()).contains("120", "below 135"));
    }
}
