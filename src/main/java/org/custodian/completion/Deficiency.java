package org.custodian.completion;

import java.time.Instant;

/**
 * One deficiency of a record: the rule it breaks, the responsible practitioner, the document (or
 * the type of the missing document), when it is due and whether it is still open. Patient name
 * and MRN come along, as on every row the HIM department works.
 */
public record Deficiency(long id, long patientId, String mrn, String patientName, long encounterId, String encounterNumber,
                         String service, Long practitionerId, String practitioner, String rule, String ruleTitle,
                         String citation, boolean automatic, Long documentId, String missingDocumentType,
                         String description, Instant openedAt, Instant due, DeficiencyState state, Instant closedAt,
                         String closedReason, Instant dischargeAt) {

    /** The missing document's name in words ("discharge summary"), or the missing item as recorded. */
    public String missingTitle() {
        if (missingDocumentType == null) {
            return null;
        }
        try {
            return org.custodian.chart.DocumentType.valueOf(missingDocumentType).title().toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return missingDocumentType;
        }
    }
}
