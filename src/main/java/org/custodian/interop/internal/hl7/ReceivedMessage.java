package org.custodian.interop.internal.hl7;

import java.time.Instant;

/** A received HL7 v2 message as the interface list shows it (without its raw text). */
public record ReceivedMessage(long id, Instant receivedAt, String sendingApplication, String sendingFacility,
                              String controlId, String messageType, String version, String status, String ackCode,
                              String error, Long patientId, int attempts, Instant processedAt) {
}
