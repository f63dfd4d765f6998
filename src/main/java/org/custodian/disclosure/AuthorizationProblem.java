package org.custodian.disclosure;

/**
 * Why a release is blocked: the element (as the request's field, e.g.
 * {@code authorization.expiration}) and the rule it breaks, with its citation.
 */
public record AuthorizationProblem(String element, String rule) {

    @Override
    public String toString() {
        return element + ": " + rule;
    }
}
