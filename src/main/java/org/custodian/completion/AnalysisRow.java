package org.custodian.completion;

import java.time.Instant;

/** A discharged chart on the analyst's worklist, with what analysis found open so far. */
public record AnalysisRow(long encounterId, String encounterNumber, long patientId, String mrn, String patientName,
                          String service, Instant dischargeAt, String attending, long openDeficiencies, Instant analysedAt) {
}
