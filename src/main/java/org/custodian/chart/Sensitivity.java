package org.custodian.chart;

/**
 * Categories of sensitive records that a release withholds unless the authorization names them
 * specifically. Each names the rule that makes it sensitive.
 */
public enum Sensitivity {
    /** Substance use disorder treatment records of a Part 2 program: specific consent, 42 CFR 2.31. */
    SUBSTANCE_USE_DISORDER("Substance use disorder treatment (42 CFR Part 2)", "42 CFR 2.31"),
    /** Psychotherapy notes: a separate, specific authorization, 45 CFR 164.508(a)(2). */
    PSYCHOTHERAPY_NOTES("Psychotherapy notes", "45 CFR 164.508(a)(2)"),
    HIV_AIDS("HIV/AIDS", "state HIV confidentiality law"),
    GENETIC_TESTING("Genetic testing", "state genetic privacy law"),
    REPRODUCTIVE_HEALTH("Reproductive health", "state reproductive health privacy law"),
    BEHAVIORAL_HEALTH("Behavioural health", "state mental health confidentiality law");

    private final String label;
    private final String rule;

    Sensitivity(String label, String rule) {
        this.label = label;
        this.rule = rule;
    }

    public String label() {
        return label;
    }

    /** The law that makes the category sensitive, for the packet's list of what was withheld. */
    public String rule() {
        return rule;
    }
}
