package org.custodian.chart;

import java.time.Instant;

/** Published when an author authenticates a document; record completion reacts to it. */
public record DocumentSigned(long documentId, long patientId, String signedBy, Instant signedAt) {
}
