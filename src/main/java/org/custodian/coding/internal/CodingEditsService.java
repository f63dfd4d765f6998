package org.custodian.coding.internal;

import java.util.List;
import org.custodian.coding.CodingEdit;
import org.custodian.coding.CodingEdits;
import org.springframework.stereotype.Service;

/** {@link CodingEdits} over the abstract page's own {@link AbstractEdits}: one set of rules for coders and students. */
@Service
class CodingEditsService implements CodingEdits {

    private final AbstractEdits edits;

    CodingEditsService(AbstractEdits edits) {
        this.edits = edits;
    }

    @Override
    public List<CodingEdit> check(Abstract codes, Stay stay) {
        AbstractInput input = new AbstractInput(
                codes.principalDiagnosis() == null ? null
                        : new AbstractInput.Diagnosis(codes.principalDiagnosis().code(), codes.principalDiagnosis().poa()),
                codes.secondaryDiagnoses().stream().map(d -> new AbstractInput.Diagnosis(d.code(), d.poa())).toList(),
                codes.principalProcedure() == null ? null
                        : new AbstractInput.Procedure(codes.principalProcedure().code(), codes.principalProcedure().date()),
                codes.otherProcedures().stream().map(p -> new AbstractInput.Procedure(p.code(), p.date())).toList(),
                null, null);
        return edits.run(input, new AbstractEdits.Stay(stay.admitDate(), stay.dischargeDate(), stay.inpatient(), stay.age(),
                stay.sex()));
    }
}
