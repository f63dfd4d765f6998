package org.custodian.audit.internal;

import java.util.List;
import org.custodian.audit.AuditRecord;

/**
 * The audit log page as the templates see it: the filters as typed, what is wrong with them, and
 * one page of events (newest first).
 */
public record AuditLogView(String patientId, String user, String from, String to, List<String> problems,
                           List<AuditRecord> events, long total, int pageNumber, int pageCount,
                           String prevQuery, String nextQuery) {

    public boolean filtered() {
        return patientId != null || user != null || from != null || to != null;
    }

    /** What an HL7 PurposeOfUse code means, or the code itself. */
    public static String purposeTitle(String code) {
        return org.custodian.audit.PurposeOfUse.titleOf(code);
    }
}
