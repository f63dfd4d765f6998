package org.custodian.privacy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Confidentiality flags on a patient (VIP, employee as patient, restricted, behavioural health and
 * whatever other kinds the hospital keeps as data), set and cleared by the privacy officer with who
 * and why. A flag whose kind requires it closes the chart to anyone without a care relationship until
 * they break the glass ({@link BreakTheGlass}, 45 CFR 164.312(a)(2)(ii)).
 */
public interface ConfidentialityFlags {

    record FlagKind(String code, String label, boolean requiresBreakGlass) {
    }

    record Flag(long id, long patientId, String kind, String label, String setBy, Instant setAt, String reason,
                String clearedBy, Instant clearedAt, String clearReason) {
        public boolean active() {
            return clearedAt == null;
        }
    }

    List<FlagKind> kinds();

    @PreAuthorize("hasAuthority('privacy:manage')")
    Flag set(long patientId, String kind, String reason);

    @PreAuthorize("hasAuthority('privacy:manage')")
    Flag clear(long flagId, String reason);

    /** Every flag of a patient, active and cleared, newest first. */
    List<Flag> of(long patientId);

    /** The active flag kinds of many patients; unflagged patients are absent (privacy monitoring's VIP rule). */
    Map<Long, List<String>> activeKinds(Collection<Long> patientIds);
}
