package org.custodian.patient;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The duplicate check of a registration at the desk ({@code POST /api/patients}): registered patients who are
 * likely the same person as the one being registered. The master patient index implements it (module
 * {@code mpi}, which depends on this one: the patient module cannot call it directly). The check answers who,
 * never how each field agreed: weights and per-field agreements confirmed a guessed SSN field by field
 * (minimum necessary, 45 CFR 164.502(b)).
 */
public interface RegistrationCheck {

    /** A registered patient who may be the person being registered. */
    record LikelyExisting(long patientId, String mrn, String familyName, String givenName, LocalDate birthDate,
                          AdministrativeSex sex) {
    }

    /** Registered patients likely to be {@code candidate} (the index's review band and above), best first. */
    @PreAuthorize("hasAuthority('chart:write')")
    List<LikelyExisting> likelyExisting(NewPatient candidate);

    /** The registrar registered {@code patientId} despite these likely matches: each pair goes to the duplicate worklist. */
    @PreAuthorize("hasAuthority('chart:write')")
    void registeredDespite(long patientId, Collection<Long> likelyExistingIds);
}
