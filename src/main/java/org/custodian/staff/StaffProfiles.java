package org.custodian.staff;

import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/** Staff profiles (HR fields): kept by administrators or imported from HR's CSV, read by privacy monitoring. */
public interface StaffProfiles {

    @PreAuthorize("hasAuthority('staff:manage')")
    StaffProfile put(StaffProfile profile);

    /**
     * Imports HR's CSV (header: username, givenName, familyName, line, city, state, postalCode, department, job,
     * patientMrn; the address columns may also be named homeAddress.line etc.): all rows or none; a
     * {@link org.custodian.Problem} names every bad row and column.
     */
    int importCsv(String csv);

    Optional<StaffProfile> find(String username);

    /** Every profile (privacy monitoring loads them once per scan). */
    List<StaffProfile> all();
}
