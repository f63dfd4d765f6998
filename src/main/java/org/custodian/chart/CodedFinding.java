package org.custodian.chart;

import java.time.Instant;

/**
 * A condition or procedure as the source system coded it: the code system's URI (for example
 * {@code http://snomed.info/sct}, {@code http://hl7.org/fhir/sid/icd-10-cm}), the code and its
 * display; {@code performedAt} for a procedure, {@code recordedAt} when the source says so.
 */
public record CodedFinding(long id, long patientId, Long encounterId, FindingKind kind, String system, String code,
                           String display, Instant performedAt, Instant recordedAt) {

    public static final String SNOMED_CT = "http://snomed.info/sct";
    public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
}
