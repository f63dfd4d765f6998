package org.custodian.cdi.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.FindingKind;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.DrgWeight;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.GroupingResult;
import org.springframework.stereotype.Component;

/**
 * The working MS-DRG of many stays in memory, grouped as the coding module groups a stay not yet
 * coded (the first ICD-10-CM condition as principal, the others present on admission, ICD-10-PCS
 * procedures; a stay in house as if discharged today), with the reimbursement module's grouper.
 *
 * <p>A stay whose fiscal year has no loaded grouper (FY2027 while MS-DRG v44 is not published) is
 * grouped <em>provisionally</em> with the newest loaded version, as if discharged on the last day it
 * covers, and says so ({@code provisional}, {@code version}, {@code message}): a working DRG is an
 * estimate for concurrent review anyway. Final coding and the claim still need the fiscal year's own
 * version; the reimbursement and coding modules keep refusing it (42 CFR 412.60: the DRG of a
 * discharge is assigned with the classification in effect on the discharge date).
 */
@Component
class StayGrouping {

    /**
     * A grouped stay, or {@code drg} null and {@code message} why. {@code version} the grouper version
     * used ("43.1"); {@code provisional} when that is not the discharge's own fiscal year's version
     * ({@code message} then says so); {@code groupedAs} the discharge date the grouper was given (the
     * last day the version covers when provisional), for {@link #payment}.
     */
    record Grouped(String drg, String title, String severity, boolean mccSplit, BigDecimal weight, BigDecimal gmlos,
                   String message, String version, boolean provisional, LocalDate groupedAs) {

        static Grouped none(String message) {
            return new Grouped(null, null, null, false, null, null, message, null, false, null);
        }

        RuleEngine.Drg forRules() {
            return new RuleEngine.Drg(drg, title, severity, mccSplit);
        }
    }

    private final Grouper grouper;
    private final DrgPricing pricing;
    private final Set<Integer> withMcc = new HashSet<>();
    private final java.util.Map<Integer, String> family = new java.util.HashMap<>();

    StayGrouping(Grouper grouper, DrgPricing pricing) {
        this.grouper = grouper;
        this.pricing = pricing;
        for (DrgWeight w : pricing.weights()) {
            String t = w.title().toUpperCase(Locale.ROOT);
            family.put(w.number(), t.replaceAll("\\s+W(ITH|ITHOUT|/O|/)?\\s.*$", ""));
            if (t.matches(".*\\bW(ITH)? ?MCC\\b.*") && !t.matches(".*\\bW(ITHOUT|/O) ?MCC\\b.*")) {
                withMcc.add(w.number());
            }
        }
    }

    static List<String> diagnoses(List<CodedFinding> findings) {
        return findings.stream().filter(f -> f.kind() == FindingKind.CONDITION && CodedFinding.ICD_10_CM.equals(f.system())
                && f.code() != null && !f.code().isBlank()).map(f -> RuleEngine.normalize(f.code())).toList();
    }

    static List<String> procedures(List<CodedFinding> findings) {
        return findings.stream().filter(f -> f.kind() == FindingKind.PROCEDURE && f.code() != null && f.system() != null
                        && (f.system().toLowerCase(Locale.ROOT).contains("icd-10-pcs") || f.system().contains("cms.gov/Medicare/Coding/ICD10")))
                .map(f -> RuleEngine.normalize(f.code())).toList();
    }

    Grouped group(List<CodedFinding> findings, LocalDate admit, LocalDate discharge, LocalDate birthDate, String sex,
                  String dischargeStatus) {
        List<String> dx = diagnoses(findings);
        if (dx.isEmpty()) {
            return Grouped.none("No principal diagnosis documented yet");
        }
        List<Claim.SecondaryDx> sdx = new ArrayList<>();
        dx.subList(1, dx.size()).forEach(c -> sdx.add(new Claim.SecondaryDx(c, "Y")));
        int age = birthDate == null ? 0 : Math.max(0, Period.between(birthDate, admit).getYears());
        LocalDate at = discharge.isBefore(admit) ? admit : discharge;
        // No grouper for the stay's fiscal year yet: the newest loaded version, on the last day it covers.
        boolean provisional = !at.isBefore(grouper.coveredUntil());
        LocalDate groupedAs = provisional ? grouper.coveredUntil().minusDays(1) : at;
        try {
            String version = grouper.versionFor(groupedAs);
            GroupingResult g = grouper.group(new Claim(age, sex, dischargeStatus == null ? "01" : dischargeStatus,
                    groupedAs, dx.get(0), sdx, procedures(findings)));
            DrgWeight w = pricing.weight(g.finalDrg(), groupedAs).orElse(null);
            boolean split = sameFamilyWithMcc(g.finalDrg(), 1) || sameFamilyWithMcc(g.finalDrg(), 2);
            String message = provisional ? provisionalNote(version, at, groupedAs) : null;
            return new Grouped(GroupingResult.drgCode(g.finalDrg()), w == null ? g.explanation().drgTitle() : w.title(),
                    g.severity(), split && !withMcc.contains(g.finalDrg()), w == null ? null : w.weight(),
                    w == null ? null : w.gmlos(), message, version, provisional, groupedAs);
        } catch (RuntimeException e) {
            return Grouped.none("MS-DRG not grouped: " + e.getMessage());
        }
    }

    /** Why a working DRG is provisional, in words. */
    static String provisionalNote(String version, LocalDate discharge, LocalDate groupedAs) {
        return "Provisional: FY" + DrgPricing.fiscalYear(discharge) + " has no MS-DRG grouper loaded; grouped with v" + version
                + " (FY" + DrgPricing.fiscalYear(groupedAs) + "), the newest loaded, as an estimate for CDI review."
                + " Final coding and the claim need the FY" + DrgPricing.fiscalYear(discharge) + " version.";
    }

    /**
     * The expected payment of a grouped stay: weight × the base rate of the fiscal year it was grouped in
     * (an estimate, like the DRG, when provisional); null when not grouped or without a rate. Not part of
     * {@link #group}, which the worklist calls for thousands of stays that need no price.
     */
    BigDecimal payment(Grouped g) {
        if (g.drg() == null) {
            return null;
        }
        try {
            return pricing.expectedPayment(Integer.parseInt(g.drg()), g.groupedAs()).amount();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether DRG {@code n - back} is the "with MCC" member of {@code n}'s family (same title before "with"/"without"). */
    private boolean sameFamilyWithMcc(int n, int back) {
        return withMcc.contains(n - back) && family.get(n) != null && family.get(n).equals(family.get(n - back));
    }
}
