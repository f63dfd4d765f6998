package org.custodian.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.custodian.cdi.CdiRule;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.FindingKind;
import org.custodian.reimbursement.BaseRate;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.GrouperVersionNotLoadedException;
import org.custodian.reimbursement.internal.Table5;
import org.junit.jupiter.api.Test;

/**
 * CDI's working MS-DRG: a stay of a fiscal year without a loaded grouper (FY2027 while only v43 is
 * loaded) is grouped provisionally with the newest loaded version and says so, so that concurrent
 * review of today's in-house stays keeps a working DRG; the claim itself is still refused (42 CFR
 * 412.60: the DRG of a discharge comes from the classification in effect on its date).
 */
class StayGroupingTest {

    static final BaseRate FY2026 = new BaseRate(2026, new BigDecimal("6500.00"), new BigDecimal("500.00"), "test");
    final StayGrouping grouping = new StayGrouping(Grouper.bundled(), new DrgPricing(Table5.fy2026(), List.of(FY2026)));

    static List<CodedFinding> dx(String... codes) {
        return java.util.Arrays.stream(codes).map(c -> new CodedFinding(1, 1, 1L, FindingKind.CONDITION, CodedFinding.ICD_10_CM, c, c,
                null, null)).toList();
    }

    @Test
    void aStayOfAFiscalYearWithoutAGrouperIsGroupedProvisionallyWithTheNewestLoadedVersion() {
        LocalDate admit = LocalDate.of(2026, 12, 1);
        StayGrouping.Grouped g = grouping.group(dx("J18.9"), admit, LocalDate.of(2026, 12, 5), LocalDate.of(1950, 3, 3), "F", "01");
        assertThat(g.drg()).isEqualTo("195");
        assertThat(g.provisional()).isTrue();
        assertThat(g.version()).isEqualTo("43.1");
        assertThat(g.message()).contains("Provisional", "FY2027", "v43.1", "FY2026", "Final coding and the claim need the FY2027 version");
        assertThat(g.weight()).isNotNull();
        assertThat(grouping.payment(g)).as("priced at the grouped year's rate: an estimate").isNotNull();
        assertThat(g.mccSplit()).as("195's family has a with-MCC member, 193").isTrue();
        CdiRule mccSplit = new CdiRule("mcc-split", "MCC split", "DRG_MCC_SPLIT", List.of(), null, null, List.of(), List.of(), null,
                "MS-DRG definitions", true, 1);
        assertThat(RuleEngine.evaluate(List.of(mccSplit), new RuleEngine.StayFacts(List.of(), List.of("J189"), List.of("J18.9"),
                g.forRules()))).as("the with-MCC split rule fires on a provisional DRG").extracting(r -> r.ruleId()).containsExactly("mcc-split");

        StayGrouping.Grouped withSepsis = grouping.group(dx("J18.9", "A41.9"), admit, LocalDate.of(2026, 12, 5),
                LocalDate.of(1950, 3, 3), "F", "01");
        assertThat(withSepsis.drg()).as("the working DRG moves with the documentation").isEqualTo("193");
        assertThat(withSepsis.severity()).isEqualTo("MCC");
        assertThat(withSepsis.provisional()).isTrue();

        // The claim is not grouped with another year's version: billing keeps refusing it.
        assertThatThrownBy(() -> Grouper.bundled().group(new Claim(76, "F", "01", LocalDate.of(2026, 12, 5), "J18.9", List.of(), List.of())))
                .isInstanceOf(GrouperVersionNotLoadedException.class);
    }

    @Test
    void aStayOfALoadedFiscalYearIsGroupedWithItsOwnVersionNotProvisionally() {
        StayGrouping.Grouped g = grouping.group(dx("J18.9"), LocalDate.of(2026, 9, 20), LocalDate.of(2026, 9, 24),
                LocalDate.of(1950, 3, 3), "F", "01");
        assertThat(g.drg()).isEqualTo("195");
        assertThat(g.provisional()).isFalse();
        assertThat(g.version()).isEqualTo("43.1");
        assertThat(g.message()).isNull();
        StayGrouping.Grouped march = grouping.group(dx("J18.9"), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 4),
                LocalDate.of(1950, 3, 3), "F", "01");
        assertThat(march.version()).isEqualTo("43.0");
        assertThat(march.provisional()).isFalse();
    }

    @Test
    void aStayWithoutADiagnosisIsNotGrouped() {
        assertThat(grouping.group(List.of(), LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 5), null, "U", "01").drg()).isNull();
    }
}
