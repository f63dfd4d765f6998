package org.custodian.chart;

import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Amendments of the designated record set (45 CFR 164.526). A document is never overwritten: an
 * accepted amendment is linked to it and the document is marked {@link DocumentStatus#AMENDED};
 * its original text stays readable. A document under legal hold (see {@link LegalHoldCheck})
 * cannot be amended until the hold is released. Every method is audited.
 */
public interface Amendments {

    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest receive(NewAmendmentRequest request);

    AmendmentRequest find(long id);

    List<AmendmentRequest> forDocument(long documentId);

    /** Pending requests, the nearest deadline first (the amendment worklist). */
    List<AmendmentRequest> pending();

    /** The one 30-day extension, with the written reason given to the patient (164.526(b)(2)(ii)). */
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest extend(long id, String reason);

    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest accept(long id, String amendmentText);

    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest deny(long id, DenialReason reason, String explanation);

    /** The patient's statement of disagreement with a denial (164.526(d)(1)(iii), (d)(2)). */
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest recordDisagreement(long id, String statement);

    /** The organization's rebuttal of a statement of disagreement (164.526(d)(3)). */
    @PreAuthorize("hasAuthority('amendment:manage')")
    AmendmentRequest recordRebuttal(long id, String rebuttal);

    /**
     * What future disclosures of the document must include (164.526(c)(1), (d)(4)-(5)), oldest
     * first: accepted amendments, and for each denial with a statement of disagreement the
     * request, the denial, the statement and any rebuttal. A denial without a statement is not
     * included (the patient may ask for it to be; not yet recorded here).
     */
    List<AmendmentStatement> statementsFor(long documentId);

    /** Today by the injected clock, for deadline displays. */
    LocalDate today();
}
