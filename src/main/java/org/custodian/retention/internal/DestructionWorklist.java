package org.custodian.retention.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custodian.chart.RecordDestruction;
import org.custodian.chart.RetainedEncounter;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.springframework.stereotype.Component;

/**
 * Records past retention on a given day (today by the injected clock): each encounter's schedule
 * is picked by its record type in the jurisdiction, the patient's age at the end of service
 * decides whether the minors' rule applies, and a legal hold is shown (it blocks the proposal).
 */
@Component
public class DestructionWorklist {

    /** One encounter past retention. {@code hold} names the legal hold that blocks it, or is null. */
    public record Item(long encounterId, long patientId, String mrn, String encounterNumber, String recordType,
                LocalDate serviceEnd, int ageAtService, boolean minorRule, LocalDate retainUntil, String authority,
                int documentCount, String hold) {
    }

    static final int LIMIT = 500;

    private final RecordDestruction records;
    private final PatientRegistry patients;
    private final Schedules schedules;
    private final LegalHolds holds;
    private final Clock clock;
    private final String jurisdiction;

    DestructionWorklist(RecordDestruction records, PatientRegistry patients, Schedules schedules, LegalHolds holds, Clock clock,
                        RetentionSettings settings) {
        this.records = records;
        this.patients = patients;
        this.schedules = schedules;
        this.holds = holds;
        this.clock = clock;
        this.jurisdiction = settings.jurisdiction();
    }

    String defaultJurisdiction() {
        return jurisdiction;
    }

    LocalDate today() {
        return LocalDate.now(clock);
    }

    List<Item> pastRetention(String jurisdictionOrNull, LocalDate asOfOrNull, Long patientId) {
        return pastRetention(jurisdictionOrNull, asOfOrNull, patientId, LIMIT);
    }

    /** At most {@code limit} encounters, oldest service first (each patient's birth date is an audited read). */
    List<Item> pastRetention(String jurisdictionOrNull, LocalDate asOfOrNull, Long patientId, int limit) {
        String where = jurisdictionOrNull == null ? jurisdiction : jurisdictionOrNull;
        LocalDate asOf = asOfOrNull == null ? today() : asOfOrNull;
        List<RetentionSchedule> rules = schedules.of(where);
        if (rules.isEmpty()) {
            return List.of();
        }
        // No record can be due before the shortest period has run: a cheap first cut in SQL.
        int shortest = rules.stream().mapToInt(RetentionSchedule::retainYears).min().orElseThrow();
        var cutoff = asOf.minusYears(shortest).atStartOfDay(clock.getZone()).toInstant();
        Map<Long, Optional<Patient>> seen = new HashMap<>();
        List<Item> items = new ArrayList<>();
        for (RetainedEncounter e : records.encountersEndedBefore(cutoff, patientId, limit)) {
            Optional<Patient> patient = seen.computeIfAbsent(e.patientId(), patients::find);
            evaluate(e, patient.orElse(null), rules, asOf).ifPresent(items::add);
        }
        return items;
    }

    /** The worklist item for one encounter if it is past retention on {@code asOf}. */
    Optional<Item> evaluate(RetainedEncounter e, Patient patient, List<RetentionSchedule> rules, LocalDate asOf) {
        if (patient == null || patient.birthDate() == null || e.destroyed()) {
            return Optional.empty(); // without a birth date the minors' rule cannot be ruled out: keep the record
        }
        Optional<RetentionSchedule> rule = Schedules.pick(rules, e.encounterClass().name());
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        LocalDate serviceEnd = LocalDate.ofInstant(e.serviceEnd(), clock.getZone());
        RetentionSchedule s = rule.get();
        LocalDate until = s.retainUntil(patient.birthDate(), serviceEnd);
        if (!asOf.isAfter(until)) {
            return Optional.empty();
        }
        return Optional.of(new Item(e.encounterId(), e.patientId(), patient.mrn(), e.encounterNumber(), e.encounterClass().name(),
                serviceEnd, Period.between(patient.birthDate(), serviceEnd).getYears(), s.minorAt(patient.birthDate(), serviceEnd),
                until, s.authority(), e.documentCount(), holds.holdCovering(e.patientId(), e.encounterId()).orElse(null)));
    }

    Optional<Item> today(long encounterId, String jurisdictionOrNull) {
        RetainedEncounter e = records.retained(encounterId);
        List<RetentionSchedule> rules = schedules.of(jurisdictionOrNull == null ? jurisdiction : jurisdictionOrNull);
        return evaluate(e, patients.find(e.patientId()).orElse(null), rules, today());
    }
}
