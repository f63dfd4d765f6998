package org.custodian.chart;

import java.time.Instant;

public record ClinicalDocument(long id, long patientId, Long encounterId, DocumentType type, String loincCode,
                               String title, String author, String text, DocumentStatus status, Instant createdAt,
                               String signedBy, Instant signedAt, Long authorId, Long cosignerId, Long signerId) {

    public ClinicalDocument(long id, long patientId, Long encounterId, DocumentType type, String loincCode, String title,
                            String author, String text, DocumentStatus status, Instant createdAt, String signedBy,
                            Instant signedAt) {
        this(id, patientId, encounterId, type, loincCode, title, author, text, status, createdAt, signedBy, signedAt,
                null, null, null);
    }
}
