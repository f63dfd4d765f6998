package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.util.Locale;

/**
 * What MSH says about a message: who sent it (MSH-3 application, MSH-4 facility), its control id
 * (MSH-10), type and trigger (MSH-9) and version (MSH-12).
 */
record Hl7Header(String sendingApplication, String sendingFacility, String controlId, String messageType,
                 String trigger, String version) {

    static Hl7Header of(AdtFields m) {
        return new Hl7Header(nz(m.get("/MSH-3-1")), nz(m.get("/MSH-4-1")), m.get("/MSH-10"), m.get("/MSH-9-1"),
                m.get("/MSH-9-2"), m.get("/MSH-12-1"));
    }

    /**
     * The registry's facility code for the sending facility: capitals, digits, '_' or '-', at most
     * 20 characters ("GHHSFacility" becomes "GHHSFACILITY"); MAIN when MSH-4 is empty.
     */
    String facility() {
        if (sendingFacility.isEmpty()) {
            return "MAIN";
        }
        String code = sendingFacility.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_-]", "_");
        return code.length() > 20 ? code.substring(0, 20) : code;
    }

    /**
     * The first header field longer than Custodian stores, as an AR naming it; null when all fit.
     * Checked before a message joins a batch: MSH-3, MSH-4 and MSH-10 form the replay index,
     * whose entries PostgreSQL limits to about 2,700 bytes, and a 9,000-character MSH-10 once
     * failed the transaction of every message batched with it (issue #22, finding 2). The
     * limits are HL7 v2.8's: 199 for MSH-10 (ST) and the HD components, 3 for MSH-9's message type
     * and trigger event (ID), 5 for MSH-12 (e.g. 2.5.1) with room to spare.
     */
    AdtProblem overlong() {
        if (sendingApplication.length() > MllpSettings.MAX_HEADER_FIELD) {
            return tooLong(3, "the sending application", MllpSettings.MAX_HEADER_FIELD);
        }
        if (sendingFacility.length() > MllpSettings.MAX_HEADER_FIELD) {
            return tooLong(4, "the sending facility", MllpSettings.MAX_HEADER_FIELD);
        }
        if (controlId != null && controlId.length() > MllpSettings.MAX_HEADER_FIELD) {
            return tooLong(10, "the message control id", MllpSettings.MAX_HEADER_FIELD);
        }
        if (messageType != null && messageType.length() > 20 || trigger != null && trigger.length() > 20) {
            return tooLong(9, "the message type or trigger event", 20);
        }
        if (version != null && version.length() > 20) {
            return tooLong(12, "the version id", 20);
        }
        return null;
    }

    private static AdtProblem tooLong(int field, String what, int max) {
        return AdtProblem.reject(ErrorCode.DATA_TYPE_ERROR, "MSH", field, what + " is longer than " + max + " characters");
    }

    /** A header value cut to what the message table stores (rejected frames keep what fits of theirs). */
    static String clip(String v) {
        return v == null || v.length() <= MllpSettings.MAX_HEADER_FIELD ? v : v.substring(0, MllpSettings.MAX_HEADER_FIELD);
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
