package org.custodian.staff;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Progress of one credential in its cycle: CEUs required (after the multiple-credential rule) and
 * earned, the part required and earned in the HIIM domains, days left, and the status.
 */
public record CredentialProgress(String code, String title, String body, LocalDate cycleStart, LocalDate cycleEnd,
                                 BigDecimal required, BigDecimal earned, BigDecimal hiimRequired,
                                 BigDecimal hiimEarned, long daysLeft, RecertificationStatus status) {

    public BigDecimal ceusShort() {
        return required.subtract(earned).max(BigDecimal.ZERO);
    }

    public BigDecimal hiimShort() {
        return hiimRequired.subtract(hiimEarned).max(BigDecimal.ZERO);
    }
}
