package org.custodian.mpi.internal;

import java.util.List;
import java.util.Optional;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.mpi.PatientMatch;
import org.custodian.mpi.PatientMerge;
import org.springframework.stereotype.Service;

/**
 * The master patient index's API, in three parts: {@link LikelyMatches} (the registration check),
 * {@link PatientMerges} (merge and unmerge) and {@link MrnResolution} (an MRN to its current patient);
 * a possible duplicate goes to the {@link DuplicateWorklist}.
 */
@Service
class JdbcMasterPatientIndex implements MasterPatientIndex {

    private final LikelyMatches matches;
    private final PatientMerges merges;
    private final MrnResolution mrns;
    private final DuplicateWorklist worklist;

    JdbcMasterPatientIndex(LikelyMatches matches, PatientMerges merges, MrnResolution mrns, DuplicateWorklist worklist) {
        this.matches = matches;
        this.merges = merges;
        this.mrns = mrns;
        this.worklist = worklist;
    }

    @Override
    public List<PatientMatch> likelyMatches(NewPatient candidate) {
        return matches.likelyMatches(candidate);
    }

    @Override
    public PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason) {
        return merges.merge(survivingPatientId, retiredPatientId, reason, null);
    }

    @Override
    public PatientMerge merge(long survivingPatientId, long retiredPatientId, String reason, String overrideReason) {
        return merges.merge(survivingPatientId, retiredPatientId, reason, overrideReason);
    }

    @Override
    public PatientMerge unmerge(long mergeId, String reason) {
        return merges.unmerge(mergeId, reason);
    }

    @Override
    public long reportPossibleDuplicate(long patientId, long otherPatientId) {
        return worklist.propose(patientId, otherPatientId, "REGISTRATION");
    }

    @Override
    public Optional<PatientMerge> findMerge(long mergeId) {
        return merges.findMerge(mergeId);
    }

    @Override
    public List<PatientMerge> mergesOf(long patientId) {
        return merges.mergesOf(patientId);
    }

    @Override
    public Optional<Long> resolveMrn(String facility, String mrn) {
        return mrns.resolveMrn(facility, mrn);
    }

    @Override
    public java.util.Map<String, Long> resolveMrns(String facility, java.util.Collection<String> mrns) {
        return this.mrns.resolveMrns(facility, mrns);
    }

    @Override
    public long survivorOf(long patientId) {
        return mrns.survivorOf(patientId);
    }
}
