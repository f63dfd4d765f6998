package org.custodian.completion;

/**
 * How the delinquency rate is computed, named so that a figure is never shown without its formula.
 * The Joint Commission's former standard (IM.6.10, EP 3) measured delinquent records against the
 * average monthly discharges and set 50% as the threshold; the standard was retired in 2016 and
 * survives in many medical staff bylaws, so the alert level stays configurable.
 */
public enum DelinquencyFormula {
    MONTHLY_DISCHARGES("Delinquent records ÷ average monthly discharges over the last quarter",
            "The historical Joint Commission measure (retired 2016): records delinquent at the end of the period, "
                    + "divided by the average number of discharges per month over the three months before it."),
    PERIOD_DISCHARGES("Delinquent records ÷ discharges in the period",
            "Of the records discharged in the period, the share that became delinquent.");

    private final String title;
    private final String explanation;

    DelinquencyFormula(String title, String explanation) {
        this.title = title;
        this.explanation = explanation;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }
}
