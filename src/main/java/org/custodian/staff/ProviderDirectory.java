package org.custodian.staff;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The provider directory: who the hospital's practitioners are, by NPI, and which staff account
 * each signs in with. The chart names practitioners by reference through it; record completion
 * assigns deficiencies to them. Lookups hold no patient data; adding one is the medical staff
 * office's (or the HIM director's) work.
 */
public interface ProviderDirectory {

    List<Practitioner> all();

    Optional<Practitioner> find(long id);

    /** Many at once, by id (for pages and reports). */
    Map<Long, Practitioner> byIds(Collection<Long> ids);

    Optional<Practitioner> byNpi(String npi);

    /** The practitioner a staff account signs in as, if any. */
    Optional<Practitioner> byUsername(String username);

    /** Adds a practitioner; an invalid NPI or a taken NPI/username is an {@link IllegalArgumentException} naming the field. */
    @PreAuthorize("hasAuthority('providers:manage')")
    Practitioner add(NewPractitioner practitioner);

    /**
     * The directory entries for names as a chart or a feed wrote them (free text), creating an
     * {@link MedicalStaffStatus#UNVERIFIED} entry without NPI for a name not yet known, in one
     * statement per call. The key is the name as given (trimmed); blank names are left out.
     * Used by the chart when it records free text, by imports and by the one-time migration.
     */
    Map<String, Long> resolveNames(Collection<String> names);

    /**
     * The entry of an NPI, creating it (with {@code name}) when the directory does not know it
     * yet, as a feed that names a practitioner by NPI (FHIR Practitioner.identifier, PV1-7.1) does.
     */
    long resolveNpi(String npi, String name);
}
