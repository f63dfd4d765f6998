package org.custodian.interop;

import java.time.Instant;
import java.util.List;

/**
 * The HL7 interface's figures for the dashboard: messages received in a window that are in error
 * now (FAILED: held for reprocessing, or REJECTED). Rows carry ids only; the caller checks who may
 * see the figure.
 */
public interface InterfaceFigures {

    /** A message in error: when received, its type, status (FAILED or REJECTED) and the error; patient id when known. */
    record MessageInError(long id, Instant receivedAt, String messageType, String status, String error, Long patientId) {
    }

    /** Messages received from {@code start} (inclusive) to {@code end} (exclusive) whose status is FAILED or REJECTED. */
    List<MessageInError> inError(Instant start, Instant end);
}
