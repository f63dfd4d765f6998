package org.custodian.completion;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** A change of a rule's bylaw default (hours) or of whether it is in force; a new version is kept, the old stays. */
public record RuleChange(@Min(0) @Max(8760) int dueHours, boolean active, String note) {
}
