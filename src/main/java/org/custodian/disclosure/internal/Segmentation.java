package org.custodian.disclosure.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.custodian.chart.Sensitivity;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.DisclosureRelease.Withheld;
import org.custodian.disclosure.RequesterType;

/**
 * Sensitive records segmentation: which candidate documents go out and which are withheld, and why.
 * A tagged document is released only when the authorization names its category specifically, with
 * two refinements:
 * <ul>
 *   <li>psychotherapy notes never go under a general authorization (45 CFR 164.508(a)(2)) and are
 *       outside the right of access (164.524(a)(1)(i)): only an authorization naming them releases them;</li>
 *   <li>the patient's own request (right of access) reaches the other categories, including Part 2
 *       records (42 CFR 2.23: a program may give patients access to their own records).</li>
 * </ul>
 */
final class Segmentation {

    record Candidate(long documentId, String title, Set<Sensitivity> tags) {
    }

    record Outcome(List<Candidate> released, List<Withheld> withheld) {
    }

    private Segmentation() {
    }

    static Outcome apply(List<Candidate> candidates, RequesterType requester, Authorization authorization) {
        List<Candidate> released = new ArrayList<>();
        List<Withheld> withheld = new ArrayList<>();
        for (Candidate c : candidates) {
            String reason = reason(c.tags(), requester, authorization);
            if (reason == null) {
                released.add(c);
            } else {
                withheld.add(new Withheld(c.documentId(), c.title(), reason));
            }
        }
        return new Outcome(released, withheld);
    }

    /**
     * Why a record with these tags is withheld from this requester, or null when it goes out. The same
     * for a document and for a kept clinical resource (a lab, a medication, a diagnosis; issue 15).
     */
    static String reason(Set<Sensitivity> tags, RequesterType requester, Authorization authorization) {
        Set<Sensitivity> named = authorization == null ? Set.of() : authorization.namedSensitivities();
        for (Sensitivity tag : tags) {
            if (named.contains(tag)) {
                continue;
            }
            if (tag == Sensitivity.PSYCHOTHERAPY_NOTES) {
                return tag.label() + ": released only under an authorization that names psychotherapy notes"
                        + " (45 CFR 164.508(a)(2)); not part of the right of access (45 CFR 164.524(a)(1)(i))";
            }
            if (!requester.rightOfAccess()) {
                return tag.label() + ": the authorization does not name this category specifically (" + tag.rule() + ")";
            }
        }
        return null;
    }
}
