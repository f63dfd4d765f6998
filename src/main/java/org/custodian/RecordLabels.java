package org.custodian;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * How a row names a patient or an encounter: patient name and MRN (and date of birth), an encounter's
 * visit number with its patient. Any module's page can ask without depending on the modules that keep
 * these records (the chart module answers, through the patient module's audited API); one call per
 * page, audited once as a search for the list, not once per row.
 */
public interface RecordLabels {

    /** A patient as people recognise one. */
    record PatientLabel(long id, String name, String mrn, LocalDate birthDate) {

        public String text() {
            return name + " · MRN " + mrn;
        }
    }

    /** An encounter by its visit number, and its patient (null when the patient is unknown). */
    record EncounterLabel(long id, String visitNumber, PatientLabel patient) {
    }

    /** {@code purpose} says what list the names are shown on, for the audit log, e.g. "the coding worklist". */
    Map<Long, PatientLabel> patients(Collection<Long> ids, String purpose);

    Map<Long, EncounterLabel> encounters(Collection<Long> ids, String purpose);

    /**
     * The patient registered under this MRN (or merged into the one that was), for a filter typed
     * by someone who may not search patients (an auditor): an audited read when found.
     */
    java.util.Optional<PatientLabel> patientByMrn(String mrn, String purpose);

    /** The encounter with this visit number (as printed on the chart and the claim), if any. */
    java.util.Optional<EncounterLabel> encounterByVisitNumber(String visitNumber, String purpose);
}
