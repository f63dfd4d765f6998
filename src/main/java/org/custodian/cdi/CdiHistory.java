package org.custodian.cdi;

import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * CDI work done before now — the demo hospital's past weeks, or history migrated from a previous CDI
 * system: queries sent, answered and escalated at past moments, through the same checks as
 * {@link CdiQueries} (a query that breaks a compliance rule is refused here too). Each call is audited
 * as the caller's.
 */
public interface CdiHistory {

    /** The caller's review of a stay at {@code reviewedAt} (in the past): the review rate's and query rate's denominator. */
    @PreAuthorize("hasAuthority('cdi:review')")
    void reviewed(long encounterId, Instant reviewedAt);

    /** A query sent by the caller at {@code sentAt} (in the past). */
    @PreAuthorize("hasAuthority('cdi:review')")
    CdiQueries.Query sent(CdiQueries.NewQuery query, Instant sentAt);

    /** The answer of the physician calling, given at {@code answeredAt}: the signed addendum is dated then. */
    @PreAuthorize("hasAuthority('cdi:answer')")
    CdiQueries.Query answered(long queryId, CdiQueries.Answer answer, Instant answeredAt);

    /**
     * An open query followed up and escalated to the physician advisor's queue at {@code escalatedAt} (one
     * escalated already keeps its first escalation); 409 {@code cdi-query-not-escalated} for one answered or closed.
     */
    @PreAuthorize("hasAuthority('cdi:review')")
    CdiQueries.Query escalated(long queryId, Instant escalatedAt);
}
