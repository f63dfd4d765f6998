package org.custodian.disclosure;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The ROI specialist's work: intake, checks, clocks, release and the packet. Every touch is audited,
 * and every call is authorized here, not only at the controllers: a caller from the CLI, a feed or
 * another module is held to the same permissions (deny by default, 45 CFR 164.308(a)(4)).
 */
public interface ReleaseOfInformation {

    @PreAuthorize("hasAuthority('disclosure:manage')")
    DisclosureRequest intake(NewDisclosureRequest request);

    @PreAuthorize("hasAuthority('disclosure:read')")
    DisclosureRequest request(long id);

    /** Open requests by deadline, soonest first (overdue ones first of all). */
    @PreAuthorize("hasAuthority('disclosure:read')")
    List<DisclosureRequest> worklist();

    /** What blocks the release now (authorization elements, legal process); empty when it may go. */
    @PreAuthorize("hasAuthority('disclosure:read')")
    List<AuthorizationProblem> check(long id);

    /** The one 30-day extension, with the written reason sent to the requester (164.524(b)(2)(iii)). */
    @PreAuthorize("hasAuthority('disclosure:manage')")
    DisclosureRequest extend(long id, String reason);

    /** Releases the records: throws {@link ReleaseBlocked} naming the failing elements. */
    @PreAuthorize("hasAuthority('disclosure:manage')")
    DisclosureRelease release(long id);

    @PreAuthorize("hasAuthority('disclosure:read')")
    DisclosureRelease releaseOf(long id);

    /** The PDF packet of a released request. */
    @PreAuthorize("hasAuthority('disclosure:manage')")
    byte[] packet(long id);
}
