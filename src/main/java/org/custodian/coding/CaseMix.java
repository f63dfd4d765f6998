package org.custodian.coding;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The case mix index (CMI) of final-coded inpatient stays and the MS-DRG and expected payment of one
 * encounter, for other modules (the department dashboard, CDI). Stays are grouped with the MS-DRG
 * grouper of their discharge date (v43 for FY2026); a stay whose grouper version is not loaded
 * (v44 from 2026-10-01) has no weight and is counted apart, never weighed with another year's table.
 */
public interface CaseMix {

    /**
     * CMI = the sum of the final MS-DRGs' relative weights ÷ the number of those cases. Not transfer-
     * adjusted: CMS's post-acute transfer per-diem (42 CFR 412.4) reduces the payment of a short
     * transfer stay, not its DRG's weight, and CMS's published CMI counts each case with its full weight.
     */
    String FORMULA = "CMI = Σ relative weight of each final-coded inpatient stay's MS-DRG (Table 5) ÷ number of those stays;"
            + " not transfer-adjusted (each case counts with its DRG's full weight)";

    enum By {
        MONTH, SERVICE_LINE, ATTENDING
    }

    /**
     * One group's figures.
     *
     * @param key             the month ("2026-03"), the service line or the attending as the chart writes it
     * @param cases           final-coded inpatient stays grouped to an MS-DRG with a weight
     * @param relativeWeights their summed relative weights
     * @param caseMixIndex    relativeWeights ÷ cases, four decimals
     * @param expectedPayment their summed expected payment in dollars (stays of a year without a base rate add nothing)
     */
    record Group(String key, long cases, BigDecimal relativeWeights, BigDecimal caseMixIndex, BigDecimal expectedPayment) {
    }

    /**
     * @param total      all groups together
     * @param notGrouped final-coded inpatient stays of the period without an MS-DRG (grouper version not
     *                   loaded, ungroupable), left out of the index
     */
    record Report(LocalDate from, LocalDate to, By by, Group total, List<Group> groups, long notGrouped, String formula) {
    }

    /** CMI of stays discharged from {@code from} to {@code to} (inclusive, hospital days), split by {@code by}. */
    @PreAuthorize("hasAuthority('coding:audit')")
    Report caseMixIndex(LocalDate from, LocalDate to, By by);

    /**
     * An inpatient encounter's MS-DRG now: "final" from its final billing abstract, "working" from the
     * abstract in progress or, before coding, from the conditions the chart documented (an encounter
     * still in the house is grouped as if discharged today). {@code drg} is null when it cannot be
     * grouped, with {@code message} saying why. An audited read, for whoever may read the chart it is
     * derived from ({@code chart:read}: CDI, coders, the physicians a CDI query goes to).
     *
     * @param payment         the expected payment as text ("$9,341.91"), null without one
     * @param expectedPayment weight × the fiscal year's blended base rate
     */
    record EncounterDrg(long encounterId, String stage, String drg, String title, String version, BigDecimal weight,
                        BigDecimal expectedPayment, String payment, String message) {
    }

    @PreAuthorize("hasAuthority('chart:read')")
    EncounterDrg encounterDrg(long encounterId);

    /**
     * Of these encounters, those whose billing abstract is final (coded for the claim): what CDI's
     * retrospective review leaves out, and what makes a query post-bill. No patient data.
     */
    @PreAuthorize("hasAuthority('chart:read')")
    java.util.Set<Long> finalCoded(java.util.Collection<Long> encounterIds);
}
