package org.custodian.disclosure.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.custodian.chart.Sensitivity;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.AuthorizationProblem;
import org.custodian.disclosure.LegalProcess;
import org.custodian.disclosure.ReleaseRules;
import org.custodian.disclosure.RequesterType;
import org.springframework.stereotype.Service;

/** {@link ReleaseRules} over the worklist's own checks: {@link AuthorizationCheck}, {@link Segmentation}, {@link DueDates}. */
@Service
class ReleaseRulesService implements ReleaseRules {

    private final DueDates dueDates;

    ReleaseRulesService(DisclosureSettings settings) {
        this.dueDates = new DueDates(settings);
    }

    @Override
    public List<AuthorizationProblem> problems(RequesterType requester, Authorization authorization,
                                               LegalProcess legalProcess, LocalDate today) {
        return AuthorizationCheck.problems(requester, authorization, legalProcess == null ? LegalProcess.NONE : legalProcess,
                today);
    }

    @Override
    public Optional<String> withholding(Set<Sensitivity> tags, RequesterType requester, Authorization authorization) {
        Segmentation.Outcome outcome = Segmentation.apply(List.of(new Segmentation.Candidate(0, "record", tags)), requester,
                authorization);
        return outcome.withheld().stream().findFirst().map(w -> w.reason());
    }

    @Override
    public LocalDate dueOn(LocalDate receivedOn, String state) {
        return dueDates.due(receivedOn, state);
    }
}
