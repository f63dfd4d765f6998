package org.custodian.interop;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * HL7 v2 messages handed over inside the application — the demo hospital's feed, a command-line
 * replay — processed exactly as the MLLP listener processes a frame: stored, applied in one
 * transaction with their audit events, and answered with an acknowledgement code. A message that
 * cannot be applied is kept FAILED (AE) for reprocessing on the interface page; one that cannot be
 * parsed is kept REJECTED (AR). The work is audited under the feed's user, as the listener's is.
 */
public interface Hl7Inbound {

    /** What became of a message: its stored row, status (PROCESSED, FAILED, REJECTED), ACK code and error. */
    record Receipt(long messageId, String status, String ackCode, String error) {
    }

    /** Processes one message (segments separated by CR). */
    @PreAuthorize("hasAuthority('interface:manage')")
    Receipt receive(String message);
}
