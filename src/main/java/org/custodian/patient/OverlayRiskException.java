package org.custodian.patient;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * The overlay guard refused a merge. The message names the rules, never the values (no PHI).
 */
public class OverlayRiskException extends ErrorResponseException {

    private final List<String> risks;

    public OverlayRiskException(List<String> risks) {
        super(HttpStatus.CONFLICT);
        this.risks = List.copyOf(risks);
        getBody().setTitle("Merge refused by the overlay guard");
        getBody().setDetail("The records disagree on: " + String.join(", ", risks)
                + ". Merging two different people would overlay their records; an analyst with mpi:merge may"
                + " override with a reason (overrideReason).");
        getBody().setProperty("risks", risks);
    }

    public List<String> risks() {
        return risks;
    }
}
