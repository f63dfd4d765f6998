package org.custodian.audit.internal;

import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditRecord;

/**
 * The audit log page as the templates see it: the filters as typed, what is wrong with them, and
 * one page of events (newest first).
 */
public record AuditLogView(String patientId, String user, String from, String to, List<String> problems,
                           List<AuditRecord> events, long total, int pageNumber, int pageCount,
                           String prevQuery, String nextQuery) {

    private static final Map<String, String> PURPOSES = Map.ofEntries(
            Map.entry("TREAT", "Treatment"),
            Map.entry("ETREAT", "Emergency treatment"),
            Map.entry("HPAYMT", "Payment"),
            Map.entry("HOPERAT", "Healthcare operations"),
            Map.entry("PUBHLTH", "Public health"),
            Map.entry("HRESCH", "Research"),
            Map.entry("HLEGAL", "Legal"),
            Map.entry("PATRQT", "Patient request"),
            Map.entry("COVERAGE", "Coverage"),
            Map.entry("HMARKT", "Marketing"));

    public boolean filtered() {
        return patientId != null || user != null || from != null || to != null;
    }

    /** What an HL7 PurposeOfUse code means, or the code itself. */
    public static String purposeTitle(String code) {
        return code == null ? "" : PURPOSES.getOrDefault(code, code);
    }
}
