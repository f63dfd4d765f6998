package org.custodian.disclosure;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A release refused because of its authorization or legal process: 422 naming each failing element. */
public class ReleaseBlocked extends ErrorResponseException {

    private final List<AuthorizationProblem> problems;

    public ReleaseBlocked(String requestNumber, List<AuthorizationProblem> problems) {
        super(HttpStatus.UNPROCESSABLE_CONTENT);
        this.problems = List.copyOf(problems);
        getBody().setTitle("Release blocked");
        getBody().setDetail("Request " + requestNumber + " cannot be released: "
                + String.join("; ", problems.stream().map(AuthorizationProblem::toString).toList()));
        getBody().setProperty("problems", this.problems);
    }

    public List<AuthorizationProblem> problems() {
        return problems;
    }
}
