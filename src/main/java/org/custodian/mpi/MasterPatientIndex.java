package org.custodian.mpi;

import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.custodian.patient.NewPatient;

/**
 * The master patient index: finds likely existing registrations of a person, merges duplicate
 * registrations and undoes a wrong merge. Every call that touches patient data is audited.
 *
 * <p>The overlay guard. {@link #merge(long, long, String)} refuses (with {@link OverlayRiskException},
 * 409) to merge two records that disagree on sex, on birth date beyond a swap or one-digit typo,
 * or that carry two different SSNs: merging two different people (an overlay) puts one person's
 * care in another's chart. An automatic merge — an ADT A40 from a registration system, a score
 * above the link threshold — never passes the guard. A data-integrity analyst who has researched
 * the pair may still merge it with {@link #merge(long, long, String, String)}, giving an override
 * reason that is stored with the merge and written to the audit trail.
 *
 * <p>Each method declares who may call it, whoever calls (a controller, a feed, the CLI): feeds and the CLI run as
 * {@code org.custodian.privacy.SystemAccess} with their job's permissions. A registration system's merge (HL7 ADT
 * A40) comes from the interface engine, which registers patients ({@code chart:write}) and runs the interface
 * ({@code interface:manage}); the overlay guard still refuses such a merge whenever it is unsafe.
 */
public interface MasterPatientIndex {

    /** An analyst's merge, or a registration system's (the interface engine: interface:manage with chart:write). */
    String MERGE = "hasAuthority('mpi:merge') or (hasAuthority('interface:manage') and hasAuthority('chart:write'))";

    /** Which patient an MRN or a merged id stands for now: whoever reads or files to a chart, and the analyst. */
    String RESOLVE = "hasAnyAuthority('chart:read', 'chart:write', 'mpi:review')";

    /** Registered patients who are likely the same person as the candidate, best first (review band and above). */
    @PreAuthorize("hasAnyAuthority('chart:write', 'mpi:review')")
    List<PatientMatch> likelyMatches(NewPatient candidate);

    /** Merges a duplicate into the surviving record; refuses a pair the overlay guard flags. */
    @PreAuthorize(MERGE)
    PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason);

    /**
     * Merges as {@link #merge(long, long, String)}, but a pair flagged by the overlay guard is
     * merged when {@code overrideReason} says why the analyst is sure (blank: refused as without it).
     */
    @PreAuthorize(MERGE)
    PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason, String overrideReason);

    /**
     * Puts two registrations on the duplicate worklist for an analyst (a registration confirmed
     * despite likely matches, an ADT feed's suspicion); returns the pair's id. A pair already on
     * the worklist, in whatever state (a "not the same person" decision included), is left as it is.
     */
    @PreAuthorize("hasAnyAuthority('chart:write', 'mpi:review')")
    long reportPossibleDuplicate(long patientId, long otherPatientId);

    /** Undoes a merge: the retired record, its identifiers, encounters and documents come back exactly. */
    @PreAuthorize("hasAuthority('mpi:merge')")
    PatientMerge unmerge(long mergeId, String reason);

    @PreAuthorize("hasAnyAuthority('mpi:review', 'mpi:merge')")
    Optional<PatientMerge> findMerge(long mergeId);

    /** The merges a patient took part in, newest first. */
    @PreAuthorize("hasAnyAuthority('mpi:review', 'mpi:merge')")
    List<PatientMerge> mergesOf(long patientId);

    /**
     * The patient an MRN now stands for at a facility (null: the default facility): a retired MRN
     * resolves to the record it was merged into.
     */
    @PreAuthorize(RESOLVE)
    Optional<Long> resolveMrn(String facility, String mrn);

    /** {@link #resolveMrn} of several MRNs of one facility in one query; an unknown MRN is absent from the map. */
    @PreAuthorize(RESOLVE)
    java.util.Map<String, Long> resolveMrns(String facility, java.util.Collection<String> mrns);

    /** The surviving record of a patient id: itself unless it was merged away. */
    @PreAuthorize(RESOLVE)
    long survivorOf(long patientId);
}
