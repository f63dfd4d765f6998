package org.custodian.patient;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;

/** The patient module's API. Every method that touches a patient's data is audited. */
public interface PatientRegistry {

    PatientPage search(PatientSearch criteria, int page, int size);

    /** Demographics of one patient (an audited read). */
    Optional<Patient> find(long id);

    boolean exists(long id);

    /**
     * Name, MRN and date of birth of each of the given patients, for a list that names them (a
     * worklist, the audit log). One audited search for the whole list, not one read per row.
     * Unknown ids are left out; a merged record answers with its own MRN.
     */
    java.util.Map<Long, PatientSummary> summaries(Collection<Long> ids, String purpose);

    /**
     * Name, MRN and home address of each of the given patients, for privacy monitoring's rules (same family
     * name, same household): one audited search for the lot.
     */
    java.util.Map<Long, Household> households(Collection<Long> ids, String purpose);

    /**
     * The share of registrations bearing each of these family names (compared upper-case, letters only):
     * how common a name is, for privacy monitoring's same-family-name rule. Counts only, no patient data.
     * A name borne by fewer than three registrations is left out: rare, however small the hospital.
     */
    java.util.Map<String, Double> familyNameShares(Collection<String> familyNames);

    /** Those of the given ids that are patients: one query for a bulk load's referential check. */
    Set<Long> existing(Collection<Long> ids);

    /** How many registrations there are (no patient data, so not audited). */
    long count();

    @PreAuthorize("hasAuthority('chart:write')")
    Patient register(NewPatient patient);

    /**
     * The patient registered under this MRN at this facility (an interface's lookup by PID-3; an
     * audited read when found).
     */
    Optional<Long> idByMrn(String facility, String mrn);

    /**
     * Replaces the demographics of a registered patient (ADT A08/A31): names, birth date, sex, SSN,
     * address, phone. Facility, MRN and other identifiers stay as they are. Audited as an update.
     */
    @PreAuthorize("hasAuthority('chart:write')")
    Patient update(long id, NewPatient demographics);

    /** Bulk registration in one transaction (imports, the demo hospital); returns the new ids in order. */
    @PreAuthorize("hasAuthority('chart:write')")
    List<Long> registerAll(List<NewPatient> patients);

    /** {@link #registerAll(List)} recording where the registrations came from ({@link #register} is the desk's). */
    @PreAuthorize("hasAuthority('chart:write')")
    List<Long> registerAll(List<NewPatient> patients, RegistrationSource source);
}
