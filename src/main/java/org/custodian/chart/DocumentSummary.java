package org.custodian.chart;

import java.time.Instant;

/** A document as listed in the chart, without its text. */
public record DocumentSummary(long id, long patientId, Long encounterId, DocumentType type, String loincCode,
                              String title, String author, DocumentStatus status, Instant createdAt,
                              String signedBy, Instant signedAt) {
}
