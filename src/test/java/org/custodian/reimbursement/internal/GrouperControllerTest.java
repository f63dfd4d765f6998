package org.custodian.reimbursement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.custodian.Problem;
import org.custodian.reimbursement.BaseRate;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.internal.GrouperController.GrouperRequest;
import org.custodian.reimbursement.internal.GrouperController.GrouperResponse;
import org.custodian.reimbursement.internal.GrouperController.SecondaryDx;
import org.junit.jupiter.api.Test;

/** The grouper endpoint's rules without Spring: each refusal names its field; a year without a rate is said, not guessed. */
class GrouperControllerTest {

    static final LocalDate JAN = LocalDate.of(2026, 1, 15);

    static GrouperRequest claim(Integer age, String sex, String status, LocalDate discharge, String pdx,
            List<SecondaryDx> sdx, List<String> procedures) {
        return new GrouperRequest(age, sex, status, discharge, null, pdx, sdx, procedures);
    }

    static String refusal(GrouperRequest r) {
        try {
            GrouperController.claim(r);
        } catch (Problem p) {
            assertThat(p.status()).isEqualTo(400);
            return p.getMessage();
        }
        throw new AssertionError("accepted");
    }

    @Test
    void eachBadFieldIsNamedWithItsRule() {
        assertThat(refusal(claim(65, "X", "01", JAN, "I5089", null, null))).isEqualTo("sex: must be M, F or U");
        assertThat(refusal(claim(null, "M", "01", JAN, "I5089", null, null))).startsWith("age: required");
        assertThat(refusal(claim(125, "M", "01", JAN, "I5089", null, null))).isEqualTo("age: must be from 0 to 124");
        assertThat(refusal(claim(65, "M", "1", JAN, "I5089", null, null))).startsWith("dischargeStatus: required, two digits");
        assertThat(refusal(claim(65, "M", "01", null, "I5089", null, null))).startsWith("dischargeDate: required");
        assertThat(refusal(claim(65, "M", "01", JAN, " ", null, null))).isEqualTo("principalDx: required");
        assertThat(refusal(claim(65, "M", "01", JAN, "I5089", List.of(new SecondaryDx("J9601", "Q")), null)))
                .isEqualTo("secondaryDx[0].poa: must be Y, N, U, W, 1 or blank");
        assertThat(refusal(claim(65, "M", "01", JAN, "I5089", null, List.of("0JH6"))))
                .isEqualTo("procedures[0]: an ICD-10-PCS code has seven characters");
        assertThat(refusal(claim(65, "Z", "01", JAN, null, null, null)))
                .isEqualTo("sex: must be M, F or U; principalDx: required");
        assertThat(GrouperController.claim(claim(65, "f", "01", JAN, "I50.89", null, null)).sex()).isEqualTo("F");
    }

    @Test
    void aCodeTheTablesDoNotKnowIsRefusedByItsPosition() {
        GrouperController c = new GrouperController(Grouper.bundled(), new DrgPricing(Table5.fy2026(), List.of()));
        assertThatThrownBy(() -> c.group(claim(65, "M", "01", JAN, "I5089", null, List.of("5A1955Z", "ZZZZZZZ"))))
                .isInstanceOf(Problem.class)
                .hasMessage("procedures[1]: ZZZZZZZ is not an ICD-10-PCS code in MS-DRG v43.0");
    }

    @Test
    void withoutARateForTheYearTheDrgIsGivenAndThePaymentSaysWhy() {
        GrouperController none = new GrouperController(Grouper.bundled(), new DrgPricing(Table5.fy2026(), List.of(
                new BaseRate(2025, new BigDecimal("6624.39"), new BigDecimal("512.14"), "FY2025"))));
        GrouperResponse r = none.group(claim(65, "M", "01", JAN, "I5089", null, null));
        assertThat(r.finalDrg()).isEqualTo("293");
        assertThat(r.weight()).isEqualByComparingTo("0.566");
        assertThat(r.expectedPayment()).isNull();
        assertThat(r.paymentProblem()).startsWith("no base rate for FY2026");
    }

    @Test
    void aV44EraDischargeIsA422() {
        GrouperController c = new GrouperController(Grouper.bundled(), new DrgPricing(Table5.fy2026(), List.of()));
        assertThatThrownBy(() -> c.group(claim(65, "M", "01", LocalDate.of(2026, 10, 1), "I5089", null, null)))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(422))
                .hasMessageStartingWith("grouper v44 not loaded");
    }
}
