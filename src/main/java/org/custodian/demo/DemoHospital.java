package org.custodian.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.demo.internal.DemoHospitalGenerator;
import org.custodian.patient.NewPatient;

/**
 * A synthetic hospital, the same for the same seed, facility, size and instant: registrations in
 * the order they were made (MRNs included, so duplicates keep the MRNs the truth names),
 * the truth about which registrations duplicate which, and the visits with their documents.
 *
 * <p>Visits refer to their patient by index into {@link #registrations()}; their encounter's and
 * documents' {@code patientId} and {@code encounterId} are placeholders (0 and null) until loaded.
 */
public record DemoHospital(long seed, String facility, Instant asOf, List<NewPatient> registrations,
                           List<DuplicateRegistration> duplicates, List<Visit> visits, List<String> physicians) {

    /**
     * One encounter of the registration at index {@code registration}, with the documents filed for
     * it, the diagnosis the visit was for and the patient's chronic conditions at the time (in words,
     * as the notes say them: what a coder reads to code the visit).
     */
    public record Visit(int registration, NewEncounter encounter, List<NewDocument> documents, String diagnosis,
                        List<String> history) {

        public Visit(int registration, NewEncounter encounter, List<NewDocument> documents) {
            this(registration, encounter, documents, null, List.of());
        }
    }

    /**
     * Generates a hospital of {@code people} distinct persons (plus about 6% duplicate
     * registrations of them) with two years of visits ending at the clock's instant.
     */
    public static DemoHospital generate(long seed, int people, String facility, Clock clock) {
        return new DemoHospitalGenerator(seed, facility, clock.instant()).generate(people);
    }

    public int encounterCount() {
        return visits.size();
    }

    public int documentCount() {
        return visits.stream().mapToInt(v -> v.documents().size()).sum();
    }
}
