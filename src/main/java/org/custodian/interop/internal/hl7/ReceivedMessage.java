package org.custodian.interop.internal.hl7;

import java.time.Instant;

/**
 * A received HL7 v2 message as the interface list shows it (without its raw text), with the peer
 * that delivered it: its address and identity (TLS client certificate subject, or loopback-plain).
 */
public record ReceivedMessage(long id, Instant receivedAt, String sendingApplication, String sendingFacility,
                              String controlId, String messageType, String version, String status, String ackCode,
                              String error, Long patientId, int attempts, Instant processedAt, String peerAddress,
                              String peerIdentity) {
}
