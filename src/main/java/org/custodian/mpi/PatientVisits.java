package org.custodian.mpi;

import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * A patient's encounters as the duplicate pair view shows them: whether two registrations were seen
 * at the same dates and services helps the analyst tell one person from two. The chart module,
 * which holds encounters, implements it (the mpi module cannot depend on the chart, which depends on it).
 */
public interface PatientVisits {

    /** A visit: admission and discharge dates (null while in house), class and service in words. */
    record Visit(String encounterNumber, LocalDate admitted, LocalDate discharged, String encounterClass, String service) {
    }

    /** The patient's latest {@code limit} encounters, newest first. */
    @PreAuthorize("hasAnyAuthority('chart:read', 'mpi:review')")
    List<Visit> latest(long patientId, int limit);
}
