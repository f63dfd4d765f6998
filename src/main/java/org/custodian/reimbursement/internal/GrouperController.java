package org.custodian.reimbursement.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.custodian.Problem;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.DrgExplanation;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.DrgWeight;
import org.custodian.reimbursement.ExpectedPayment;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.GrouperVersionNotLoadedException;
import org.custodian.reimbursement.GroupingResult;
import org.custodian.reimbursement.NoBaseRateException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/coding/grouper}: one claim in (no patient identity: the codes of a stay), its MS-DRG,
 * weight, GMLOS, expected payment and the explanation out. It touches no patient record, so it takes
 * {@code coding:read} (the encoder's permission) and is not audited as a PHI access.
 */
@Tag(name = "Coding: MS-DRG grouper", description = "Group one claim with MS-DRG v43 and price it: final and initial DRG, MDC, severity, weight, GMLOS, expected payment and why.")
@RestController
@RequestMapping("/api/coding")
class GrouperController {

    private static final Set<String> SEXES = Set.of("M", "F", "U", "1", "2", "0");
    private static final Set<String> POAS = Set.of("Y", "N", "U", "W", "1", "E", "");

    private final Grouper grouper;
    private final DrgPricing pricing;

    GrouperController(Grouper grouper, DrgPricing pricing) {
        this.grouper = grouper;
        this.pricing = pricing;
    }

    /** A secondary diagnosis and its present-on-admission indicator (Y, N, U, W, 1 or blank). */
    record SecondaryDx(String code, String poa) {
    }

    /**
     * One claim. Codes with or without dots.
     *
     * @param admitDate optional; when given, the actual length of stay is answered beside the GMLOS
     */
    record GrouperRequest(Integer age, String sex, String dischargeStatus, LocalDate dischargeDate, LocalDate admitDate,
            String principalDx, List<SecondaryDx> secondaryDx, List<String> procedures) {
    }

    record Payment(@JsonProperty("fiscal_year") int fiscalYear, BigDecimal weight, BigDecimal operating,
            BigDecimal capital, @JsonProperty("base_rate") BigDecimal baseRate, BigDecimal amount, String source,
            String formula) {
    }

    record GrouperResponse(String version,
            @JsonProperty("final_drg") String finalDrg,
            @JsonProperty("initial_drg") String initialDrg,
            @JsonProperty("final_mdc") int finalMdc,
            @JsonProperty("initial_mdc") int initialMdc,
            @JsonProperty("final_medsurg") String finalMedsurg,
            @JsonProperty("final_severity") String finalSeverity,
            @JsonProperty("final_grc") String finalGrc,
            @JsonProperty("initial_grc") String initialGrc,
            @JsonProperty("hac_status") String hacStatus,
            String title,
            BigDecimal weight,
            BigDecimal gmlos,
            @JsonProperty("actual_los") Long actualLos,
            @JsonProperty("expected_payment") BigDecimal expectedPayment,
            Payment payment,
            @JsonProperty("payment_problem") String paymentProblem,
            DrgExplanation explanation) {
    }

    @Operation(summary = "Group one claim with MS-DRG v43 and give its weight, GMLOS, expected payment and explanation")
    @PostMapping("/grouper")
    @PreAuthorize("hasAuthority('coding:read')")
    GrouperResponse group(@RequestBody GrouperRequest request) {
        Claim claim = claim(request);
        GroupingResult g;
        try {
            g = grouper.group(claim);
        } catch (GrouperVersionNotLoadedException e) {
            throw Problem.unprocessable("grouper-version-not-loaded", "Grouper version not loaded", e.getMessage())
                    .with("version", e.version());
        }
        unknownCodes(claim, g);
        DrgWeight w = pricing.weight(g.finalDrg(), claim.dischargeDate()).orElse(null);
        Long los = request.admitDate() == null ? null
                : DrgPricing.lengthOfStay(request.admitDate(), request.dischargeDate());
        Payment payment = null;
        String paymentProblem = null;
        if (w == null) {
            paymentProblem = "MS-DRG " + GroupingResult.drgCode(g.finalDrg()) + " has no Table 5 weight";
        } else {
            try {
                ExpectedPayment p = pricing.expectedPayment(g.finalDrg(), claim.dischargeDate());
                payment = new Payment(p.rate().fiscalYear(), p.weight(), p.rate().operating(), p.rate().capital(),
                        p.rate().blended(), p.amount(), p.rate().source(), p.formula());
            } catch (NoBaseRateException e) {
                paymentProblem = e.getMessage();
            }
        }
        return new GrouperResponse(g.version(), GroupingResult.drgCode(g.finalDrg()),
                GroupingResult.drgCode(g.initialDrg()), g.finalMdc(), g.initialMdc(), g.medicalSurgical(), g.severity(),
                g.returnCode(), g.initialReturnCode(), g.hacStatus(),
                w == null ? g.explanation().drgTitle() : w.title(), w == null ? null : w.weight(),
                w == null ? null : w.gmlos(), los, payment == null ? null : payment.amount(), payment, paymentProblem,
                g.explanation());
    }

    /** Parses and validates the request; every refusal names its field and rule. */
    static Claim claim(GrouperRequest r) {
        List<String> errors = new ArrayList<>();
        if (r.age() == null) {
            errors.add("age: required, years at admission (0-124)");
        } else if (r.age() < 0 || r.age() > 124) {
            errors.add("age: must be from 0 to 124");
        }
        String sex = r.sex() == null ? "" : r.sex().trim().toUpperCase();
        if (!SEXES.contains(sex)) {
            errors.add("sex: must be M, F or U");
        }
        String status = r.dischargeStatus() == null ? "" : r.dischargeStatus().trim();
        if (!status.matches("\\d{2}")) {
            errors.add("dischargeStatus: required, two digits (UB-04 patient discharge status, e.g. 01)");
        }
        if (r.dischargeDate() == null) {
            errors.add("dischargeDate: required (YYYY-MM-DD)");
        } else if (r.admitDate() != null && r.admitDate().isAfter(r.dischargeDate())) {
            errors.add("admitDate: must not be after dischargeDate");
        }
        if (r.principalDx() == null || r.principalDx().isBlank()) {
            errors.add("principalDx: required");
        } else if (!code(r.principalDx())) {
            errors.add("principalDx: not an ICD-10-CM code");
        }
        List<Claim.SecondaryDx> sdx = new ArrayList<>();
        List<SecondaryDx> in = r.secondaryDx() == null ? List.of() : r.secondaryDx();
        for (int i = 0; i < in.size(); i++) {
            SecondaryDx s = in.get(i);
            if (s == null || s.code() == null || !code(s.code())) {
                errors.add("secondaryDx[" + i + "].code: required, an ICD-10-CM code");
                continue;
            }
            String poa = s.poa() == null ? "" : s.poa().trim().toUpperCase();
            if (!POAS.contains(poa)) {
                errors.add("secondaryDx[" + i + "].poa: must be Y, N, U, W, 1 or blank");
                continue;
            }
            sdx.add(new Claim.SecondaryDx(s.code(), poa));
        }
        List<String> procs = r.procedures() == null ? List.of() : r.procedures();
        for (int i = 0; i < procs.size(); i++) {
            if (procs.get(i) == null || !procs.get(i).trim().matches("[0-9A-HJ-NP-Za-hj-np-z]{7}")) {
                errors.add("procedures[" + i + "]: an ICD-10-PCS code has seven characters");
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("invalid-claim", String.join("; ", errors));
        }
        return new Claim(r.age(), sex, status, r.dischargeDate(), r.principalDx(), sdx, procs);
    }

    private static boolean code(String c) {
        return c.trim().replace(".", "").matches("[A-Za-z][0-9][0-9A-Za-z]{1,5}");
    }

    /** Codes the v43 tables do not know: a 400 naming each field, not a DRG 999. */
    private static void unknownCodes(Claim claim, GroupingResult g) {
        List<String> errors = new ArrayList<>();
        String v = "MS-DRG v" + g.version();
        if ("INVALID_PDX".equals(g.initialReturnCode()) || "INVALID_PDX".equals(g.returnCode())) {
            errors.add("principalDx: " + claim.principalDx() + " is not a billable ICD-10-CM code in " + v);
        }
        Set<String> unknownDx = new java.util.HashSet<>();
        g.explanation().secondaries().stream().filter(d -> "UNKNOWN_CODE".equals(d.role()))
                .forEach(d -> unknownDx.add(d.code()));
        for (int i = 0; i < claim.secondaryDx().size(); i++) {
            String c = claim.secondaryDx().get(i).code();
            if (unknownDx.remove(c)) {
                errors.add("secondaryDx[" + i + "].code: " + c + " is not a billable ICD-10-CM code in " + v);
            }
        }
        Set<String> unknownPr = new java.util.HashSet<>();
        g.explanation().procedures().stream().filter(p -> !p.known()).forEach(p -> unknownPr.add(p.code()));
        for (int i = 0; i < claim.procedures().size(); i++) {
            String c = claim.procedures().get(i);
            if (unknownPr.remove(c)) {
                errors.add("procedures[" + i + "]: " + c + " is not an ICD-10-PCS code in " + v);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("invalid-claim", String.join("; ", errors));
        }
    }
}
