package org.custodian.chart;

import java.util.Optional;

/**
 * Asks whether a legal hold covers a patient's record or one encounter. The chart asks before
 * amending; the retention module, which keeps legal holds, implements it — so the chart depends
 * on no module above it. With no implementation present nothing is held.
 */
public interface LegalHoldCheck {

    /** The hold covering the patient, or the encounter if given, as words for an error message (no PHI). */
    Optional<String> holdCovering(long patientId, Long encounterId);
}
