package org.custodian.interop.internal.hl7;

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

    private static String nz(String v) {
        return v == null ? "" : v;
    }
}
