package org.custodian.patient;

import java.time.LocalDate;

/**
 * Search criteria, all optional and combined with AND: {@code name} matches any part of the
 * given, middle or family name, ignoring case and accents; {@code mrn} and {@code birthDate}
 * match exactly.
 */
public record PatientSearch(String name, String mrn, LocalDate birthDate) {

    public boolean isEmpty() {
        return (name == null || name.isBlank()) && (mrn == null || mrn.isBlank()) && birthDate == null;
    }
}
