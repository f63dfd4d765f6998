package org.custodian.completion;

import java.time.Instant;

/**
 * A deficiency rule in force: its version, its citation and the hospital's bylaw default
 * ({@code dueHours} after its {@code anchor}: admission, surgery, discharge, the document's
 * writing, or the analyst's finding for a manual one).
 */
public record DeficiencyRule(String code, int version, String title, String citation, String anchor, int dueHours,
                             boolean automatic, boolean active, String note, String editedBy, Instant editedAt) {
}
