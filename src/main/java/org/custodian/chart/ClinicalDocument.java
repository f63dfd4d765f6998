package org.custodian.chart;

import java.time.Instant;

public record ClinicalDocument(long id, long patientId, Long encounterId, DocumentType type, String loincCode,
                               String title, String author, String text, DocumentStatus status, Instant createdAt,
                               String signedBy, Instant signedAt) {
}
