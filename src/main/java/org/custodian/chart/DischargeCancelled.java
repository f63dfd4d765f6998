package org.custodian.chart;

/**
 * Published inside the transaction that cancels a discharge (HL7 ADT^A13, or a correction): the
 * encounter is in progress again, so it is no longer "discharged, not final billed" and leaves the
 * coding worklist until its next discharge.
 */
public record DischargeCancelled(long encounterId, long patientId) {
}
