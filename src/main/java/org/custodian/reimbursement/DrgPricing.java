package org.custodian.reimbursement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Table 5 weights and GMLOS, and the expected payment of a DRG: weight × the hospital's blended base rate
 * (operating + capital) for the discharge's federal fiscal year, rounded to cents half up. A fiscal year
 * without a configured rate is refused with {@link NoBaseRateException}, never priced with another year's.
 * Immutable and thread-safe.
 */
public final class DrgPricing {

    private final Map<Integer, DrgWeight> weights;
    /** Table 5 of a later fiscal year, loaded with its grouper release; a year not here uses {@link #weights}. */
    private final Map<Integer, Map<Integer, DrgWeight>> byYear;
    private final Map<Integer, BaseRate> rates;

    public DrgPricing(Collection<DrgWeight> weights, Collection<BaseRate> rates) {
        this(weights, Map.of(), rates);
    }

    /**
     * @param weights  the bundled Table 5 (FY2026)
     * @param byYear   Table 5 of each fiscal year whose grouper release was loaded (FY2027 with v44, …)
     */
    public DrgPricing(Collection<DrgWeight> weights, Map<Integer, ? extends Collection<DrgWeight>> byYear,
            Collection<BaseRate> rates) {
        Map<Integer, DrgWeight> w = table(weights);
        Map<Integer, Map<Integer, DrgWeight>> y = new TreeMap<>();
        byYear.forEach((fy, rows) -> y.put(fy, table(rows)));
        this.byYear = Collections.unmodifiableMap(y);
        Map<Integer, BaseRate> r = new TreeMap<>();
        for (BaseRate rate : rates) {
            if (r.put(rate.fiscalYear(), rate) != null) {
                throw new IllegalArgumentException("two base rates for FY" + rate.fiscalYear());
            }
        }
        this.weights = Collections.unmodifiableMap(w);
        this.rates = Collections.unmodifiableMap(r);
    }

    private static Map<Integer, DrgWeight> table(Collection<DrgWeight> rows) {
        Map<Integer, DrgWeight> w = new TreeMap<>();
        rows.forEach(d -> w.put(d.number(), d));
        return Collections.unmodifiableMap(w);
    }

    private Map<Integer, DrgWeight> weightsOf(int fiscalYear) {
        return byYear.getOrDefault(fiscalYear, weights);
    }

    /** The DRG's Table 5 row for the fiscal year of a discharge on this date (its release's table when loaded). */
    public Optional<DrgWeight> weight(int drg, LocalDate discharge) {
        return Optional.ofNullable(weightsOf(fiscalYear(discharge)).get(drg));
    }

    /** The federal fiscal year of a discharge: FY2026 runs from 2025-10-01 to 2026-09-30. */
    public static int fiscalYear(LocalDate discharge) {
        return discharge.getMonthValue() >= 10 ? discharge.getYear() + 1 : discharge.getYear();
    }

    /**
     * Length of stay in days as Medicare counts it: the day of discharge is not counted, a same-day stay is
     * one day.
     */
    public static long lengthOfStay(LocalDate admit, LocalDate discharge) {
        if (discharge.isBefore(admit)) {
            throw new IllegalArgumentException("discharge " + discharge + " is before admission " + admit);
        }
        return Math.max(1, ChronoUnit.DAYS.between(admit, discharge));
    }

    /** The DRG's Table 5 row, empty for a number that is not an MS-DRG. */
    public Optional<DrgWeight> weight(int drg) {
        return Optional.ofNullable(weights.get(drg));
    }

    /** Every Table 5 row, in DRG order. */
    public Collection<DrgWeight> weights() {
        return weights.values();
    }

    /** The configured rate of a fiscal year, empty when none is. */
    public Optional<BaseRate> baseRate(int fiscalYear) {
        return Optional.ofNullable(rates.get(fiscalYear));
    }

    /** The fiscal years with a configured rate, in order. */
    public Collection<BaseRate> baseRates() {
        return rates.values();
    }

    /**
     * The expected payment of a DRG for a discharge on this date.
     *
     * @throws NoBaseRateException      when the discharge's fiscal year has no configured rate
     * @throws IllegalArgumentException when the DRG is not in Table 5
     */
    public ExpectedPayment expectedPayment(int drg, LocalDate discharge) {
        int fy = fiscalYear(discharge);
        BaseRate rate = rates.get(fy);
        if (rate == null) {
            throw new NoBaseRateException(fy);
        }
        DrgWeight w = weightsOf(fy).get(drg);
        if (w == null) {
            throw new IllegalArgumentException("MS-DRG " + drg + " has no Table 5 weight");
        }
        return price(w, rate);
    }

    /** weight × (operating + capital), to cents half up, with the formula in words. */
    public static ExpectedPayment price(DrgWeight w, BaseRate rate) {
        BigDecimal blended = rate.blended();
        BigDecimal amount = w.weight().multiply(blended).setScale(2, RoundingMode.HALF_UP);
        String formula = "FY" + rate.fiscalYear() + " MS-DRG " + w.drg() + ": weight " + w.weight().toPlainString()
                + " × (" + dollars(rate.operating()) + " operating + " + dollars(rate.capital()) + " capital = "
                + dollars(blended) + ") = " + dollars(amount);
        return new ExpectedPayment(w.drg(), w.weight(), rate, amount, formula);
    }

    /** "$7,276.76". */
    public static String dollars(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("$#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(amount);
    }
}
