package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import org.springframework.stereotype.Component;

/** Until the master patient index offers its merge, an A40 is answered AE (nothing is applied). */
@Component
class MpiPatientMerge implements PatientMerge {
    @Override
    public void merge(long survivingId, long retiredId, String reason) {
        throw AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, "MRG", 1,
                "patient merge is not available in this build");
    }
}
