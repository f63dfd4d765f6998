package org.custodian.patient;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The patient module's API. Every method that touches a patient's data is audited. */
public interface PatientRegistry {

    PatientPage search(PatientSearch criteria, int page, int size);

    /** Demographics of one patient (an audited read). */
    Optional<Patient> find(long id);

    boolean exists(long id);

    /** Those of the given ids that are patients: one query for a bulk load's referential check. */
    Set<Long> existing(Collection<Long> ids);

    /** How many registrations there are (no patient data, so not audited). */
    long count();

    Patient register(NewPatient patient);

    /** Bulk registration in one transaction (imports, the demo hospital); returns the new ids in order. */
    List<Long> registerAll(List<NewPatient> patients);
}
