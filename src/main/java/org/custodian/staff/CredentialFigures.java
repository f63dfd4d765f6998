package org.custodian.staff;

import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The staff module's figure for the department dashboard: enabled members with a credential lapsed or due for
 * recertification, or a job requirement unmet, today. Narrower than {@link ContinuingEducation}: no certificates, no
 * activities, nothing to write. The dashboard's metric calls it as the system (its gauge has no signed-in person)
 * and shows it only to those who may review credentials.
 */
public interface CredentialFigures {

    @PreAuthorize("hasAuthority('credentials:review')")
    List<TeamMemberStatus> needingAttention();
}
