package org.custodian.coding.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.DrgExplanation;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.DrgWeight;
import org.custodian.reimbursement.ExpectedPayment;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.GrouperVersionNotLoadedException;
import org.custodian.reimbursement.GroupingResult;
import org.custodian.reimbursement.NoBaseRateException;
import org.springframework.stereotype.Component;

/**
 * Groups an abstract with the reimbursement module's MS-DRG grouper and prices it. Computed on read
 * (grouping is table look-ups): nothing is stored. Only inpatient stays are grouped; a discharge
 * whose grouper version is not loaded is refused, never grouped with an older version.
 */
@Component
class AbstractGrouping {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AbstractGrouping.class);

    static final String NOT_INPATIENT = "MS-DRG applies to inpatient stays";

    private final Grouper grouper;
    private final DrgPricing pricing;

    AbstractGrouping(Grouper grouper, DrgPricing pricing) {
        this.grouper = grouper;
        this.pricing = pricing;
    }

    /** The abstract's DRG; a grouping failure is said on the abstract, never a failure to open it. */
    AbstractDrg group(AbstractEdits.Stay stay, AbstractInput input, boolean finalized) {
        try {
            return groupOrThrow(stay, input, finalized);
        } catch (RuntimeException e) {
            log.warn("abstract not grouped: {}", e.toString());
            return AbstractDrg.none("MS-DRG not grouped: " + e.getMessage());
        }
    }

    private AbstractDrg groupOrThrow(AbstractEdits.Stay stay, AbstractInput input, boolean finalized) {
        if (!stay.inpatient()) {
            return AbstractDrg.none(NOT_INPATIENT);
        }
        if (input.principalDiagnosis() == null || input.principalDiagnosis().code() == null
                || input.principalDiagnosis().code().isBlank()) {
            return AbstractDrg.none("No principal diagnosis yet: the MS-DRG shows once one is saved");
        }
        LocalDate discharge = stay.dischargeDate();
        List<Claim.SecondaryDx> sdx = input.secondaries().stream()
                .filter(d -> d.code() != null && !d.code().isBlank())
                .map(d -> new Claim.SecondaryDx(d.code(), d.poa())).toList();
        List<String> px = new ArrayList<>();
        if (input.principalProcedure() != null && input.principalProcedure().code() != null) {
            px.add(input.principalProcedure().code());
        }
        input.others().stream().filter(p -> p.code() != null && !p.code().isBlank()).forEach(p -> px.add(p.code()));
        String status = input.dischargeDisposition() == null ? "" : input.dischargeDisposition().trim();
        Claim claim = new Claim(Math.max(0, stay.age()), stay.sex(), status, discharge, input.principalDiagnosis().code(),
                sdx, px);
        GroupingResult g;
        try {
            g = grouper.group(claim);
        } catch (GrouperVersionNotLoadedException e) {
            return AbstractDrg.none(e.getMessage());
        }
        DrgWeight w = pricing.weight(g.finalDrg(), discharge).orElse(null);
        long los = DrgPricing.lengthOfStay(stay.admitDate(), discharge);
        ExpectedPayment payment = null;
        String paymentProblem = null;
        if (w == null) {
            paymentProblem = "MS-DRG " + GroupingResult.drgCode(g.finalDrg()) + " has no Table 5 weight";
        } else {
            try {
                payment = pricing.expectedPayment(g.finalDrg(), discharge);
            } catch (NoBaseRateException e) {
                paymentProblem = e.detail();
            }
        }
        DrgExplanation x = g.explanation();
        List<AbstractDrg.Role> roles = x.secondaries().stream().map(d -> new AbstractDrg.Role(
                org.custodian.coding.CodeSystem.ICD10CM.dotted(d.code()), d.poa(), role(d.role()),
                d.withoutDrg() > 0 ? GroupingResult.drgCode(d.withoutDrg()) : null, d.detail())).toList();
        return new AbstractDrg(finalized ? "final" : "working", null, g.version(), GroupingResult.drgCode(g.finalDrg()),
                w == null ? x.drgTitle() : w.title(), g.finalMdc(), type(g.medicalSurgical()), severity(g.severity()),
                GroupingResult.drgCode(g.initialDrg()), returnCode(g.returnCode()), w == null ? null : w.weight(),
                w == null ? null : w.gmlos(), los, payment == null ? null : payment.amount(),
                payment == null ? null : DrgPricing.dollars(payment.amount()), payment == null ? null : payment.formula(),
                paymentProblem, payment == null ? null : payment.rate().source(), x.mdcReason(), x.formula(), roles,
                notes(x, roles));
    }

    /** The severity notes not already in the secondaries' table ("without this diagnosis …" is there). */
    private static List<String> notes(DrgExplanation x, List<AbstractDrg.Role> roles) {
        boolean inTable = roles.stream().anyMatch(r -> r.withoutDrg() != null);
        return x.severityNote().stream()
                .filter(n -> !(inTable && n.contains("without this diagnosis the DRG would be"))).toList();
    }

    static String severity(String s) {
        return switch (s) {
            case "MCC" -> "with MCC";
            case "CC" -> "with CC";
            case "NON_CC" -> "without CC/MCC";
            default -> "no severity split";
        };
    }

    static String type(String s) {
        return switch (s) {
            case "MEDICAL" -> "medical";
            case "SURGICAL" -> "surgical";
            default -> "neither medical nor surgical";
        };
    }

    static String role(String r) {
        return switch (r) {
            case "MCC" -> "MCC";
            case "CC" -> "CC";
            case "CC_EXCLUDED", "MCC_EXCLUDED" -> "excluded by the principal";
            case "CC_EXCLUDED_BY_DRG_LOGIC", "MCC_EXCLUDED_BY_DRG_LOGIC" -> "not counted by this DRG's logic";
            case "HAC" -> "HAC (not present on admission)";
            case "MCC_DIED" -> "none (an MCC only when discharged alive)";
            case "UNKNOWN_CODE" -> "not a code of this grouper version";
            default -> "none";
        };
    }

    static String returnCode(String rc) {
        return switch (rc) {
            case "OK" -> "OK";
            case "DX_CANNOT_BE_PDX" -> "the principal diagnosis cannot be a principal diagnosis";
            case "INVALID_PDX" -> "the principal diagnosis is not a valid code";
            case "INVALID_SEX" -> "the sex is invalid for the grouper";
            case "INVALID_DISCHARGE_STATUS" -> "the discharge status is invalid";
            case "HAC_MISSING_ONE_POA" -> "a hospital-acquired condition has no present-on-admission indicator";
            default -> "ungroupable";
        };
    }
}
