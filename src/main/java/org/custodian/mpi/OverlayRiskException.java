package org.custodian.mpi;

import java.util.List;
import org.custodian.Problem;

/**
 * The overlay guard refused a merge. The message names the rules, never the values (no PHI).
 */
public class OverlayRiskException extends Problem {

    private final List<String> risks;

    public OverlayRiskException(List<String> risks) {
        super(409, "merge-overlay-risk", "Merge refused by the overlay guard", "The records disagree on: "
                + String.join(", ", risks) + ". Merging two different people would overlay their records; an"
                + " analyst with mpi:merge may override with a reason (overrideReason).");
        this.risks = List.copyOf(risks);
        with("risks", this.risks);
    }

    public List<String> risks() {
        return risks;
    }
}
