package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.custodian.reimbursement.BaseRate;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.internal.Table5;
import org.junit.jupiter.api.Test;

/** The abstract's DRG without the database: words, dollars, and each refusal said in words. */
class AbstractGroupingTest {

    static final AbstractEdits.Stay STAY = new AbstractEdits.Stay(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 11, 5),
            true, 70, "M");
    static final AbstractInput PNEUMONIA_MCC = new AbstractInput(new AbstractInput.Diagnosis("J18.9", "Y"),
            List.of(new AbstractInput.Diagnosis("J96.01", "Y")), null, List.of(), "01", "1");

    @Test
    void aStayIsGroupedAndPricedInWordsAndDollars() {
        AbstractGrouping g = new AbstractGrouping(Grouper.bundled(), new DrgPricing(Table5.fy2026(),
                List.of(new BaseRate(2026, new BigDecimal("6752.61"), new BigDecimal("524.15"), "test"))));
        AbstractDrg drg = g.group(STAY, PNEUMONIA_MCC, false);
        assertThat(drg.drg()).isEqualTo("193");
        assertThat(drg.stage()).isEqualTo("working");
        assertThat(drg.severity()).isEqualTo("with MCC");
        assertThat(drg.type()).isEqualTo("medical");
        assertThat(drg.lengthOfStay()).isEqualTo(4);
        // 1.3144 × $7,276.76 = $9,564.57
        assertThat(drg.payment()).isEqualTo("$9,564.57");
        assertThat(drg.secondaries()).singleElement().satisfies(r -> {
            assertThat(r.role()).isEqualTo("MCC");
            assertThat(r.withoutDrg()).isEqualTo("195");
        });
        assertThat(g.group(STAY, PNEUMONIA_MCC, true).stage()).isEqualTo("final");
    }

    @Test
    void aFiscalYearWithoutABaseRateShowsTheDrgAndSaysSo() {
        AbstractGrouping g = new AbstractGrouping(Grouper.bundled(), new DrgPricing(Table5.fy2026(), List.of()));
        AbstractDrg drg = g.group(STAY, PNEUMONIA_MCC, false);
        assertThat(drg.drg()).isEqualTo("193");
        assertThat(drg.weight()).isNotNull();
        assertThat(drg.payment()).isNull();
        assertThat(drg.paymentProblem()).startsWith("no base rate for FY2026");
    }

    @Test
    void noDrgForAnOutpatientStayOrAV44Discharge() {
        AbstractGrouping g = new AbstractGrouping(Grouper.bundled(), new DrgPricing(Table5.fy2026(), List.of()));
        AbstractEdits.Stay outpatient = new AbstractEdits.Stay(STAY.admitDate(), STAY.dischargeDate(), false, 70, "M");
        assertThat(g.group(outpatient, PNEUMONIA_MCC, false).message()).isEqualTo("MS-DRG applies to inpatient stays");
        AbstractEdits.Stay fy2027 = new AbstractEdits.Stay(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 3), true, 70, "M");
        AbstractDrg v44 = g.group(fy2027, PNEUMONIA_MCC, false);
        assertThat(v44.grouped()).isFalse();
        assertThat(v44.message()).startsWith("grouper v44 not loaded");
    }
}
