package org.custodian.disclosure;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.custodian.chart.Sensitivity;

/**
 * The rules a release is checked with, without a request on file: for other modules that reason
 * about a request of their own (the practicum's release-of-information exercise grades a student's
 * decisions with the same rules the ROI specialist's worklist enforces).
 */
public interface ReleaseRules {

    /**
     * What blocks a release to this requester as of {@code today}: missing or defective elements of
     * the authorization (45 CFR 164.508(b)(2), (c)(1)), legal process without a court order or
     * satisfactory assurance (164.512(e)(1)); empty when the release may go.
     */
    java.util.List<AuthorizationProblem> problems(RequesterType requester, Authorization authorization,
                                                  LegalProcess legalProcess, LocalDate today);

    /**
     * Why a record carrying these sensitivity tags is withheld from this release (42 CFR 2.31,
     * 45 CFR 164.508(a)(2), state law), or empty when it goes out.
     */
    Optional<String> withholding(Set<Sensitivity> tags, RequesterType requester, Authorization authorization);

    /** The deadline of a request received on that date: 30 days (164.524(b)(2)) or the state's shorter one. */
    LocalDate dueOn(LocalDate receivedOn, String state);
}
