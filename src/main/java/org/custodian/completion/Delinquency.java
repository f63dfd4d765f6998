package org.custodian.completion;

import java.time.LocalDate;

/**
 * The delinquency rate over {@code [from, to]} with its formula named: {@code delinquent} records
 * over {@code discharges} (the average monthly discharges for {@link DelinquencyFormula#MONTHLY_DISCHARGES}),
 * in percent, and whether it reaches the alert level.
 */
public record Delinquency(LocalDate from, LocalDate to, DelinquencyFormula formula, String formulaText, long delinquent,
                          double discharges, double rate, double alertLevel, boolean alert, String note) {
}
