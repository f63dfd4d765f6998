package org.custodian.disclosure.internal;

import java.util.List;
import org.custodian.chart.AmendmentStatement;
import org.custodian.chart.Amendments;
import org.springframework.stereotype.Component;

/**
 * What must go out with a released document after amendments (45 CFR 164.526(c)(1), (d)(4)-(5)):
 * an accepted amendment, or the request, the denial, the patient's statement of disagreement and
 * the rebuttal. The packet prints these after the document they belong to.
 */
@Component
class AmendmentStatements {


    private final Amendments amendments;

    AmendmentStatements(Amendments amendments) {
        this.amendments = amendments;
    }

    List<String> of(long documentId) {
        return amendments.statementsFor(documentId).stream().map(AmendmentStatements::line).toList();
    }

    private static String line(AmendmentStatement s) {
        String label = switch (s.kind()) {
            case AMENDMENT -> "Amendment";
            case REQUEST -> "Patient's request to amend";
            case DENIAL -> "Denial of the request";
            case DISAGREEMENT -> "Patient's statement of disagreement";
            case REBUTTAL -> "Rebuttal";
        };
        return label + " (" + (s.at() == null ? "" : org.custodian.web.Fmt.date(s.at()) + ", ") + s.by() + "): " + s.text();
    }
}
