package org.custodian.disclosure.internal;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The clocks of release, in calendar days from receipt: 30 days (45 CFR 164.524(b)(2)(i)) or a
 * state's shorter deadline, one extension of 30 days given in writing before the first deadline
 * passes (164.524(b)(2)(iii)), and 60 days for an accounting (164.528(c)(1)). Pure date arithmetic:
 * plusDays handles month ends and February 29.
 */
final class DueDates {

    private final DisclosureSettings settings;

    DueDates(DisclosureSettings settings) {
        this.settings = settings;
    }

    LocalDate due(LocalDate receivedOn, String state) {
        int days = settings.getRightOfAccessDays();
        if (state != null) {
            Integer stateDays = settings.getStateDays().get(state.toUpperCase(Locale.ROOT));
            if (stateDays != null && stateDays < days) {
                days = stateDays;
            }
        }
        return receivedOn.plusDays(days);
    }

    /**
     * The extended deadline. Refused when already extended, without a written reason, or once the
     * first deadline has passed (the requester must be told within the first 30 days).
     */
    LocalDate extended(LocalDate dueOn, LocalDate alreadyExtended, String reason, LocalDate today) {
        if (alreadyExtended != null) {
            throw new IllegalArgumentException("extension: only one extension is permitted (45 CFR 164.524(b)(2)(iii))");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("reason: a written reason for the delay must be given to the requester (45 CFR 164.524(b)(2)(iii)(A))");
        }
        if (today.isAfter(dueOn)) {
            throw new IllegalArgumentException("extension: must be given before the deadline of " + dueOn + " passes (45 CFR 164.524(b)(2)(iii))");
        }
        return dueOn.plusDays(settings.getExtensionDays());
    }

    LocalDate accountingDue(LocalDate receivedOn) {
        return receivedOn.plusDays(settings.getAccountingDays());
    }
}
