package org.custodian.cdi;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * CDI's measures over a period (queries and reviews made from {@code from} to {@code to}, hospital
 * days): review, query, response and agreement rates, response time, CC/MCC capture, and the case-mix
 * and payment effect, in total and by CDI specialist, physician and service, each with its formula.
 */
public interface CdiMeasures {

    /**
     * One group's figures; a rate is null when its denominator is zero.
     *
     * @param reviewedStays   distinct stays reviewed
     * @param queriedStays    distinct stays queried
     * @param queries         queries sent
     * @param answered        queries answered
     * @param agreed          answers that documented the condition asked about (agreed)
     * @param ccMccCaptured   answered queries after which the working MS-DRG's severity rose to CC or MCC
     * @param weightEffect    Σ (relative weight after − before) of answered queries
     * @param paymentEffect   Σ (expected payment after − before) of answered queries, dollars
     */
    record Group(String key, long reviewedStays, long queriedStays, long queries, long answered, long agreed, long disagreed,
                 long undetermined, long noResponse, long ccMccCaptured, BigDecimal queryRate, BigDecimal responseRate,
                 BigDecimal meanResponseHours, BigDecimal agreementRate, BigDecimal ccMccCaptureRate, BigDecimal weightEffect,
                 BigDecimal cmiEffect, BigDecimal paymentEffect) {
    }

    /**
     * @param eligibleStays inpatient stays in house or discharged in the period (the review rate's denominator)
     * @param reviewRate    reviewed stays ÷ eligible stays
     * @param formulas      each measure's formula, by name
     */
    record Measures(LocalDate from, LocalDate to, long eligibleStays, BigDecimal reviewRate, Group total,
                    List<Group> bySpecialist, List<Group> byPhysician, List<Group> byService, Map<String, String> formulas) {
    }

    /** Defaults: the last 30 days to today. */
    @PreAuthorize("hasAuthority('cdi:review')")
    Measures measures(LocalDate from, LocalDate to);

    /** A rate as a percentage with one decimal ("42.5 %"), or a dash without a denominator. */
    static String percent(BigDecimal rate) {
        return rate == null ? "\u2014" : rate.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
