package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;

/**
 * Why a message cannot be applied, as the ERR segment will say it: the HL7 error code (table 0357),
 * the segment and field, and a text that names the rule. The text never quotes the message's
 * values (no PHI in logs or in the interface's error list).
 */
class AdtProblem extends RuntimeException {

    private final AcknowledgmentCode ack;
    private final ErrorCode code;
    private final String segment;
    private final int field;

    AdtProblem(AcknowledgmentCode ack, ErrorCode code, String segment, int field, String text) {
        super(text);
        this.ack = ack;
        this.code = code;
        this.segment = segment;
        this.field = field;
    }

    /** An application error (AE): the message is well formed but cannot be applied. */
    static AdtProblem error(ErrorCode code, String segment, int field, String text) {
        return new AdtProblem(AcknowledgmentCode.AE, code, segment, field, text);
    }

    /** A reject (AR): the message is of a kind or shape Custodian does not take. */
    static AdtProblem reject(ErrorCode code, String segment, int field, String text) {
        return new AdtProblem(AcknowledgmentCode.AR, code, segment, field, text);
    }

    AcknowledgmentCode ack() {
        return ack;
    }

    ErrorCode code() {
        return code;
    }

    String segment() {
        return segment;
    }

    int field() {
        return field;
    }

    /** "PID-7: ..." for the stored error and the user interface. */
    String describe() {
        return (segment == null ? "" : segment + (field > 0 ? "-" + field : "") + ": ") + getMessage();
    }
}
