package org.custodian.chart;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Set-based reads of the record for rule engines that look at thousands of stays at once (clinical
 * documentation improvement's worklist): inpatient stays, lab and vital-sign values as numbers, and
 * the coded findings of many encounters, each one statement. Not audited here: like
 * {@link ChartViews}, these feed computation, and the caller audits what it shows a person (CDI audits
 * each patient of the page it renders).
 */
public interface RecordFacts {

    /**
     * An inpatient stay: in house when {@code dischargeAt} is null. {@code attendingId} is the
     * attending practitioner of the provider directory, when the encounter names one.
     */
    record Stay(long encounterId, long patientId, String encounterNumber, Instant admitAt, Instant dischargeAt,
                String service, String attending, Long attendingId, String dischargeDisposition) {
    }

    /** Inpatients in house now (not cancelled, not destroyed), oldest admission first. */
    List<Stay> inHouse();

    /** Inpatient stays discharged at or after {@code since} (not cancelled, not destroyed), newest first. */
    List<Stay> dischargedSince(Instant since);

    /** These stays (inpatient or not), in no particular order. */
    List<Stay> stays(Collection<Long> encounterIds);

    /**
     * A numeric Observation (lab or vital sign) as kept in the chart's clinical resources.
     *
     * @param resourceId the kept row's id (for the link to its source)
     * @param fhirId     the resource's FHIR id ({@code /fhir/r4/Observation/{fhirId}})
     * @param loinc      the LOINC code it was searched by
     */
    record Measurement(long resourceId, String fhirId, long patientId, Long encounterId, String loinc, String name,
                       BigDecimal value, String unit, Instant at) {
    }

    /** The numeric Observations of these patients with these LOINC codes, effective at or after {@code from}; by patient and time. */
    List<Measurement> measurements(Collection<Long> patientIds, Collection<String> loincCodes, Instant from);

    /** One kept numeric Observation by its row id, if it is one. */
    java.util.Optional<Measurement> measurement(long resourceId);

    /** The coded findings (conditions and procedures) of these encounters, in recorded order. */
    List<CodedFinding> findings(Collection<Long> encounterIds);
}
