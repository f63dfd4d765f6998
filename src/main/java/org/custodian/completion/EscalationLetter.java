package org.custodian.completion;

import java.time.Instant;
import java.time.LocalDate;

/** A dated letter of the escalation ladder to a practitioner (the PDF is fetched by id). */
public record EscalationLetter(long id, long practitionerId, String practitioner, EscalationStep step, Instant issuedAt,
                               LocalDate issuedOn, int openDeficiencies, int oldestDays, Instant resolvedAt) {
}
