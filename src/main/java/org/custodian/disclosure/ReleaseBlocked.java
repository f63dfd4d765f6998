package org.custodian.disclosure;

import java.util.List;
import org.custodian.Problem;

/** A release refused because of its authorization or legal process: 422 naming each failing element. */
public class ReleaseBlocked extends Problem {

    private final List<AuthorizationProblem> problems;

    public ReleaseBlocked(String requestNumber, List<AuthorizationProblem> problems) {
        super(422, "release-blocked", "Release blocked", "Request " + requestNumber + " cannot be released: "
                + String.join("; ", problems.stream().map(AuthorizationProblem::toString).toList()));
        this.problems = List.copyOf(problems);
        with("problems", this.problems);
    }

    public List<AuthorizationProblem> problems() {
        return problems;
    }
}
