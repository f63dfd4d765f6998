package org.custodian.retention.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;

/**
 * How long one record type is kept in one jurisdiction: {@code retainYears} after the end of
 * service; for a patient who was a minor at service, at least until the age of majority plus
 * {@code yearsAfterMajority} (the statute of limitations for minors commonly runs from majority),
 * whichever is later. {@code recordType} is an encounter class or {@code *} for every type.
 */
public record RetentionSchedule(long id, String jurisdiction, String recordType, int retainYears, int ageOfMajority,
                         int yearsAfterMajority, String authority, String updatedBy, Instant updatedAt) {

    static final String ANY_TYPE = "*";

    /** The last day the record must be kept; it may be destroyed from the day after. */
    LocalDate retainUntil(LocalDate birthDate, LocalDate serviceEnd) {
        LocalDate adult = serviceEnd.plusYears(retainYears);
        if (!minorAt(birthDate, serviceEnd)) {
            return adult;
        }
        LocalDate minor = birthDate.plusYears((long) ageOfMajority + yearsAfterMajority);
        return minor.isAfter(adult) ? minor : adult;
    }

    boolean minorAt(LocalDate birthDate, LocalDate serviceEnd) {
        return Period.between(birthDate, serviceEnd).getYears() < ageOfMajority;
    }
}
