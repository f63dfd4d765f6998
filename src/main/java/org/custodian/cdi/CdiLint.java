package org.custodian.cdi;

import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The lint list: phrases a query may not contain, leading phrasing or any mention of payment, DRG,
 * weight or quality scores (AHIMA/ACDIS, Guidelines for Achieving a Compliant Query Practice, 2022
 * update), kept as data. Every CDI specialist reads it; the CDI lead adds, rewords and retires phrases
 * (a retired phrase is kept, inactive, with who retired it and when).
 */
public interface CdiLint {

    enum Category { LEADING, FINANCIAL }

    record Phrase(String phrase, Category category, String reason, boolean active, String changedBy, Instant changedAt) {
    }

    /** A phrase to add, reword or retire; {@code phrase} is matched as lower-case words. */
    record PhraseChange(String phrase, Category category, String reason, Boolean active) {
    }

    @PreAuthorize("hasAuthority('cdi:review')")
    List<Phrase> phrases();

    /** Adds the phrase, or changes it (category, reason, active); 400 {@code invalid-cdi-lint} names the field. */
    @PreAuthorize("hasAuthority('cdi:lead')")
    Phrase save(PhraseChange change);
}
