package org.custodian.patient;

import java.time.LocalDate;
import java.util.List;

/**
 * Patient search by the FHIR Patient search parameters (identifier, name, family, given,
 * birthdate, gender). Names match as FHIR string search does: case- and accent-insensitive,
 * {@code family} and {@code given} from the start of the name, {@code name} anywhere in it.
 * Every search is audited.
 */
public interface PatientFinder {

    /**
     * {@code identifierSystem} null matches the value in any system, and the MRN; {@code withoutPatients}
     * are left out (flagged charts a FHIR reader may not open, 45 CFR 164.312(a)(2)(ii)).
     */
    record Criteria(String identifierSystem, String identifierValue, String name, String family, String given,
                    LocalDate birthDate, AdministrativeSex sex, java.util.Set<Long> withoutPatients) {
        public Criteria(String identifierSystem, String identifierValue, String name, String family, String given,
                        LocalDate birthDate, AdministrativeSex sex) {
            this(identifierSystem, identifierValue, name, family, given, birthDate, sex, java.util.Set.of());
        }
    }

    /** Ordered by family name, given name, birth date and id. */
    List<Patient> find(Criteria criteria, int offset, int limit);
}
