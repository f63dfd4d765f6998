package org.custodian.disclosure;

import java.time.Instant;
import java.util.List;

/**
 * What a release sent and what it withheld, its fee, and whether it is in the accounting of disclosures.
 *
 * @param exemptFromAccounting why it is not accounted (164.528(a)(1)), or null when it is
 */
public record DisclosureRelease(long requestId, String requestNumber, Instant releasedAt, String releasedBy,
                                List<Released> released, List<Withheld> withheld, InvoiceLine invoice, int pages,
                                String exemptFromAccounting) {

    public record Released(long documentId, String title) {
    }

    public record Withheld(long documentId, String title, String reason) {
    }

    /** One invoice line per request: what is charged and on which basis (amount in cents). */
    public record InvoiceLine(String description, long amountCents, String basis) {
    }
}
