package org.custodian.completion;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/**
 * The bylaws' numbers: delinquency after {@code delinquentDays} days from discharge (at most the
 * 30 days of 42 CFR 482.24(c)(4)(viii) is usual), the escalation ladder's days since discharge,
 * the delinquency formula and its alert level in percent (50: the Joint Commission's former
 * threshold, retired in 2016 but still in many bylaws).
 */
public record CompletionPolicy(int version, @Min(1) @Max(365) int delinquentDays, @Min(0) int reminderDay,
                               @Min(0) int chairDay, @Min(0) int suspensionDay, @NotNull DelinquencyFormula formula,
                               @NotNull BigDecimal alertPercent) {
}
