package org.custodian.disclosure;

import java.time.Instant;

/** One disclosure in a patient's accounting (45 CFR 164.528(b)(2)): date, recipient, what, purpose. */
public record AccountingEntry(Instant disclosedAt, String recipient, String recipientAddress, String description,
                              String purpose, String requestNumber) {
}
