package org.custodian.disclosure.internal;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * HOOK for amendments (45 CFR 164.526(d)(4)-(5)): a statement of disagreement, and the rebuttal,
 * linked to an amended record must go out with every later disclosure of that record. The packet
 * asks this class for each released document and prints what it returns after the document.
 *
 * <p>Until the chart's amendment API exists (built in parallel), there are none. When it does,
 * this method should return, for the document, the statement of disagreement and the rebuttal (or
 * the accurate summary the patient agreed to), e.g. from {@code ChartService.amendmentStatements(documentId)}.
 */
@Component
class AmendmentStatements {

    List<String> of(long documentId) {
        return List.of();
    }
}
