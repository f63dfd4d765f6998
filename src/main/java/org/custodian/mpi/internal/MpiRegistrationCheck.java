package org.custodian.mpi.internal;

import java.util.Collection;
import java.util.List;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.RegistrationCheck;
import org.springframework.stereotype.Component;

/** The registration desk's duplicate check, answered by the master patient index. */
@Component
class MpiRegistrationCheck implements RegistrationCheck {

    private final MasterPatientIndex mpi;

    MpiRegistrationCheck(MasterPatientIndex mpi) {
        this.mpi = mpi;
    }

    @Override
    public List<LikelyExisting> likelyExisting(NewPatient candidate) {
        return mpi.likelyMatches(candidate).stream()
                .map(m -> new LikelyExisting(m.patientId(), m.mrn(), m.familyName(), m.givenName(), m.birthDate(), m.sex()))
                .toList();
    }

    @Override
    public void registeredDespite(long patientId, Collection<Long> likelyExistingIds) {
        for (long existing : likelyExistingIds) {
            mpi.reportPossibleDuplicate(existing, patientId);
        }
    }
}
