package org.custodian.disclosure;

import java.util.List;

/** The ROI specialist's work: intake, checks, clocks, release and the packet. Every touch is audited. */
public interface ReleaseOfInformation {

    DisclosureRequest intake(NewDisclosureRequest request);

    DisclosureRequest request(long id);

    /** Open requests by deadline, soonest first (overdue ones first of all). */
    List<DisclosureRequest> worklist();

    /** What blocks the release now (authorization elements, legal process); empty when it may go. */
    List<AuthorizationProblem> check(long id);

    /** The one 30-day extension, with the written reason sent to the requester (164.524(b)(2)(iii)). */
    DisclosureRequest extend(long id, String reason);

    /** Releases the records: throws {@link ReleaseBlocked} naming the failing elements. */
    DisclosureRelease release(long id);

    DisclosureRelease releaseOf(long id);

    /** The PDF packet of a released request. */
    byte[] packet(long id);
}
