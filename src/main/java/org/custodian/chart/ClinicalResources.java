package org.custodian.chart;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Every clinical resource of the legal health record as it was received (FHIR R4 JSON), with the
 * search columns extracted from it: the designated record set of 45 CFR 164.501 holds labs,
 * vitals, medications, allergies, immunizations, care plans, claims and the rest, so nothing that
 * arrives is dropped. Rows of a patient follow merges and unmerges, are destroyed with their
 * encounter at the end of retention (never while a legal hold stands), and every read is audited
 * (45 CFR 164.312(b)).
 *
 * <p>Writers (the interop module's FHIR import, the HL7 v2 results feed) hand resources in bulk
 * with {@link #storeAll}; the FHIR API reads them with {@link #read}, {@link #search} and
 * {@link #everything}.
 */
public interface ClinicalResources {

    /** What {@link #storeAll} did with one resource. */
    enum Outcome { CREATED, UPDATED, UNCHANGED }

    /**
     * One resource to keep. {@code sourceKey} recognises a re-send from the same source (a second
     * import changes nothing; changed content is a new version), and {@code fhirId} is derived from
     * it: the same type and key always give the same id (a resource is found again by its id, and a
     * kept id that arrives under another key is refused); {@code json} is the resource as
     * received; {@code terms} the search terms ("param=system|code", "param=code", "param=system|",
     * "param=Type/id", "param:lowercase text"); {@code dateStart}/{@code dateEnd} the type's
     * clinically relevant date or period.
     */
    record NewResource(String type, String fhirId, String source, String sourceKey, Long patientId, Long encounterId,
                       String status, Instant dateStart, Instant dateEnd, List<String> terms, String json) {
    }

    /** A kept resource; {@code json} is null once it was destroyed at the end of its retention. */
    record StoredResource(long id, String type, String fhirId, int version, Instant lastUpdated, Long patientId,
                          Long encounterId, String json) {
    }

    /**
     * A search of one type. Each inner list of {@code anyTerms} is an OR of terms, the lists are
     * ANDed; {@code stringPrefixes} are "param:prefix" (starts-with, lowercase); {@code sort} one
     * of date, -date, _lastUpdated, -_lastUpdated, _id (null: by row); {@code withoutPatients} the patients
     * a search across patients leaves out, matches and total (flagged charts the reader may not open, 45 CFR
     * 164.312(a)(2)(ii)); resources of no patient stay.
     */
    record Query(String type, Long patientId, Set<String> ids, List<List<String>> anyTerms, List<String> stringPrefixes,
                 Instant dateFrom, Instant dateTo, Instant updatedFrom, Instant updatedTo, String sort,
                 int offset, int count, boolean countOnly, Set<Long> withoutPatients) {
        public Query(String type, Long patientId, Set<String> ids, List<List<String>> anyTerms, List<String> stringPrefixes,
                     Instant dateFrom, Instant dateTo, Instant updatedFrom, Instant updatedTo, String sort,
                     int offset, int count, boolean countOnly) {
            this(type, patientId, ids, anyTerms, stringPrefixes, dateFrom, dateTo, updatedFrom, updatedTo, sort, offset, count,
                    countOnly, Set.of());
        }
    }

    /** One page, and the number of all matches. */
    record Page(List<StoredResource> resources, long total) {
    }

    /** Stores (or recognises) each resource in bulk, in the caller's transaction; outcomes in order. */
    List<Outcome> storeAll(List<NewResource> resources);

    /** A kept resource that is a copy of a chart document (the same import filed it as that document). */
    record DocumentCopy(String type, String fhirId, long documentId) {
    }

    /**
     * Links kept resources to the chart documents they are copies of, in the caller's transaction:
     * every later read of a copy applies its document's own sensitivity tags and author, tags put on
     * the document after the import included (a psychotherapy note is used only by its originator,
     * 45 CFR 164.508(a)(2)(i)(A); a Part 2 record is withheld as the document is, 42 CFR 2.12, 2.13).
     * A copy already linked to the same document is left as it is.
     */
    void linkDocuments(Collection<DocumentCopy> copies);

    /** The local patient and encounter a kept resource belongs to. */
    record Local(Long patientId, Long encounterId) {
    }

    /** Of the resources of {@code type} with these FHIR ids, the local patient and encounter (for resolving references; no PHI). */
    Map<String, Local> locals(String type, Collection<String> fhirIds);

    /** The FHIR id of a kept Patient resource of this local patient, if any. */
    Optional<String> patientFhirId(long patientId);

    /** One resource (an audited read). */
    @PreAuthorize("hasAuthority('chart:read')")
    Optional<StoredResource> read(String type, String fhirId);

    /** A search (one audited read per patient whose resources are returned). */
    @PreAuthorize("hasAuthority('chart:read')")
    Page search(Query query);

    /** Resources named "Type/id" (for {@code _include}); audited. */
    @PreAuthorize("hasAuthority('chart:read')")
    List<StoredResource> byReferences(Collection<String> typeSlashIds);

    /**
     * A patient's whole kept record, Patient first then by type and date (an audited read):
     * changed since {@code since} when given, of {@code types} when not empty.
     */
    @PreAuthorize("hasAuthority('chart:read')")
    Page everything(long patientId, Instant since, Set<String> types, int offset, int count);

    /** How many resources of each type are kept for a patient (for the chart; audited). */
    @PreAuthorize("hasAuthority('chart:read')")
    Map<String, Long> countsOf(long patientId);

    /**
     * How many of the patient's kept resources the caller may not read, by the category that withholds them
     * (Part 2 records without {@code chart:read-sensitive}, 42 CFR 2.13; copies of others' psychotherapy notes,
     * 45 CFR 164.508(a)(2)), so that a page says that records were withheld and why without showing them;
     * empty when none. Audited when any.
     */
    @PreAuthorize("hasAuthority('chart:read')")
    Map<Sensitivity, Long> withheldFrom(long patientId);

    /**
     * The patient's kept resources of the chosen categories, as lines a person reads (for a
     * release-of-information or right-of-access packet, 45 CFR 164.524), by category then date;
     * within {@code from}..{@code to} when given (a resource without a date is kept). Audited.
     */
    @PreAuthorize("hasAuthority('chart:read')")
    List<RecordEntry> entries(long patientId, Set<RecordCategory> categories, java.time.LocalDate from, java.time.LocalDate to);

    /**
     * A kept resource with its effective sensitivity (its own tags, its encounter's and, for a copy of a
     * chart document, the document's), for an export that segments.
     */
    record Tagged(StoredResource resource, Set<Sensitivity> tags) {
    }

    /**
     * For a bulk export: the kept resources of {@code types} of these patients, by patient then row,
     * destroyed ones left out; one audited read per patient with resources.
     */
    @PreAuthorize("hasAuthority('fhir:export')")
    List<Tagged> ofPatients(Collection<Long> patientIds, Set<String> types);

    /**
     * For a bulk export: kept resources of {@code types} that belong to no patient (organizations,
     * practitioners, locations, medications the records refer to), after row {@code afterId}, at most {@code count}.
     */
    @PreAuthorize("hasAuthority('fhir:export')")
    List<StoredResource> shared(Set<String> types, long afterId, int count);

    /** The resource types kept (no PHI). */
    Set<String> keptTypes();
}
