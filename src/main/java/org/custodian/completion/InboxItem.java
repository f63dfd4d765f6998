package org.custodian.completion;

import java.time.Instant;

/**
 * One item of a practitioner's inbox, whatever its source: today deficiencies ("deficiency"), next
 * CDI queries ("cdi-query"), each source an {@link InboxSource} bean. {@code action} is what the
 * practitioner does: {@code sign}, {@code complete} or {@code dictate}; {@code href} where to do it.
 */
public record InboxItem(String source, long id, long patientId, String mrn, String patientName, String encounterNumber,
                        String title, String action, String href, Long documentId, Instant due, Long daysLeft,
                        Instant since) {
}
