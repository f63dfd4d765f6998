package org.custodian.reimbursement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.reimbursement.BaseRate;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.DrgWeight;
import org.custodian.reimbursement.ExpectedPayment;
import org.custodian.reimbursement.NoBaseRateException;
import org.junit.jupiter.api.Test;

/** Expected payment = Table 5 weight × (operating + capital) of the discharge's fiscal year, to cents half up. */
class DrgPricingTest {

    static final BaseRate FY2026 = new BaseRate(2026, new BigDecimal("6752.61"), new BigDecimal("524.15"),
            "FY2026 IPPS final rule, national");

    final DrgPricing pricing = new DrgPricing(Table5.fy2026(), List.of(FY2026));

    @Test
    void table5HoldsEveryDrgWithItsWeightAndGmlos() {
        List<DrgWeight> rows = Table5.fy2026();
        assertThat(rows).hasSize(772);
        DrgWeight hf = pricing.weight(291).orElseThrow();
        assertThat(hf.weight()).isEqualByComparingTo("1.2838");
        assertThat(hf.gmlos()).isEqualByComparingTo("3.8");
        assertThat(hf.amlos()).isEqualByComparingTo("5.0");
        assertThat(hf.title()).isEqualTo("Heart Failure and Shock with MCC");
        assertThat(pricing.weight(293).orElseThrow().amlos()).isNull();
        assertThat(pricing.weight(1).orElseThrow().weight()).isEqualByComparingTo("28.0239");
        assertThat(pricing.weight(470).orElseThrow().weight()).isEqualByComparingTo("1.9289");
        assertThat(pricing.weight(871).orElseThrow().weight()).isEqualByComparingTo("1.9425");
        assertThat(pricing.weight(1000)).isEmpty();
    }

    @Test
    void paymentIsWeightTimesBlendedRateRoundedToCents() {
        ExpectedPayment p = pricing.expectedPayment(291, LocalDate.of(2026, 1, 15));
        // 1.2838 × 7,276.76 = 9,341.904488
        assertThat(p.amount()).isEqualTo(new BigDecimal("9341.90"));
        assertThat(p.rate().blended()).isEqualByComparingTo("7276.76");
        assertThat(p.formula()).isEqualTo(
                "FY2026 MS-DRG 291: weight 1.2838 × ($6,752.61 operating + $524.15 capital = $7,276.76) = $9,341.90");
        // 0.566 × 7,276.76 = 4,118.64616
        assertThat(pricing.expectedPayment(293, LocalDate.of(2026, 1, 15)).amount()).isEqualTo(new BigDecimal("4118.65"));
        assertThat(pricing.expectedPayment(1, LocalDate.of(2026, 1, 15)).amount()).isEqualTo(new BigDecimal("203923.19"));
    }

    @Test
    void halfACentRoundsUp() {
        DrgWeight one = new DrgWeight("999", "", "", "test", new BigDecimal("1.0000"), null, null);
        BaseRate odd = new BaseRate(2026, new BigDecimal("100.004"), new BigDecimal("0.001"), "test");
        assertThat(DrgPricing.price(one, odd).amount()).isEqualTo(new BigDecimal("100.01"));
        BaseRate even = new BaseRate(2026, new BigDecimal("100.014"), new BigDecimal("0.001"), "test");
        assertThat(DrgPricing.price(one, even).amount()).isEqualTo(new BigDecimal("100.02"));
    }

    @Test
    void theFiscalYearStartsOnTheFirstOfOctober() {
        assertThat(DrgPricing.fiscalYear(LocalDate.of(2025, 9, 30))).isEqualTo(2025);
        assertThat(DrgPricing.fiscalYear(LocalDate.of(2025, 10, 1))).isEqualTo(2026);
        assertThat(DrgPricing.fiscalYear(LocalDate.of(2026, 9, 30))).isEqualTo(2026);
        assertThat(DrgPricing.fiscalYear(LocalDate.of(2026, 10, 1))).isEqualTo(2027);
    }

    @Test
    void aYearWithoutARateIsRefusedNeverPricedWithAnother() {
        assertThatThrownBy(() -> pricing.expectedPayment(291, LocalDate.of(2026, 10, 1)))
                .isInstanceOf(NoBaseRateException.class)
                .hasMessageStartingWith("no base rate for FY2027")
                .satisfies(e -> assertThat(((NoBaseRateException) e).status()).isEqualTo(422));
        assertThatThrownBy(() -> pricing.expectedPayment(291, LocalDate.of(2025, 9, 30)))
                .hasMessageStartingWith("no base rate for FY2025");
        // the last day of FY2026 is still priced
        assertThat(pricing.expectedPayment(291, LocalDate.of(2026, 9, 30)).rate().fiscalYear()).isEqualTo(2026);
    }

    @Test
    void eachYearUsesItsOwnRate() {
        BaseRate fy2027 = new BaseRate(2027, new BigDecimal("7000.00"), new BigDecimal("500.00"), "hospital");
        DrgPricing two = new DrgPricing(Table5.fy2026(), List.of(FY2026, fy2027));
        assertThat(two.expectedPayment(293, LocalDate.of(2026, 10, 1)).amount()).isEqualTo(new BigDecimal("4245.00"));
        assertThat(two.expectedPayment(293, LocalDate.of(2026, 9, 30)).amount()).isEqualTo(new BigDecimal("4118.65"));
    }

    @Test
    void lengthOfStayCountsNightsAndASameDayStayAsOne() {
        assertThat(DrgPricing.lengthOfStay(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 14))).isEqualTo(4);
        assertThat(DrgPricing.lengthOfStay(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 10))).isEqualTo(1);
        assertThatThrownBy(() -> DrgPricing.lengthOfStay(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 9)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsKeysAreFiscalYearsAndBothFiguresAreRequired() {
        Map<String, ReimbursementSettings.Rate> m = new LinkedHashMap<>();
        m.put("FY2026", new ReimbursementSettings.Rate(new BigDecimal("6752.61"), new BigDecimal("524.15"), "rule"));
        m.put("fy2027", new ReimbursementSettings.Rate(new BigDecimal("7000"), new BigDecimal("500"), null));
        List<BaseRate> rates = new ReimbursementSettings(m).rates();
        assertThat(rates).extracting(BaseRate::fiscalYear).containsExactlyInAnyOrder(2026, 2027);
        assertThat(rates).filteredOn(r -> r.fiscalYear() == 2027).first().extracting(BaseRate::source)
                .isEqualTo("not stated");

        assertThatThrownBy(() -> new ReimbursementSettings(Map.of("next-year",
                new ReimbursementSettings.Rate(BigDecimal.ONE, BigDecimal.ONE, "x"))).rates())
                .hasMessageContaining("base-rates.next-year: the key must be a fiscal year");
        assertThatThrownBy(() -> new ReimbursementSettings(Map.of("FY2026",
                new ReimbursementSettings.Rate(BigDecimal.ONE, null, "x"))).rates())
                .hasMessageContaining("FY2026: both .operating and .capital are required");
        assertThatThrownBy(() -> new DrgPricing(List.of(), List.of(FY2026, FY2026)))
                .hasMessageContaining("two base rates for FY2026");
    }
}
