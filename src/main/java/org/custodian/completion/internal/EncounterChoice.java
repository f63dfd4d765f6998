package org.custodian.completion.internal;

import java.time.Instant;

/** One visit the analyst may choose on the manual-deficiency form, with its patient's name and MRN (a view for the page). */
public record EncounterChoice(long encounterId, String visitNumber, String patientName, String mrn, Instant admitAt,
                              Instant dischargeAt, String service) {
}
