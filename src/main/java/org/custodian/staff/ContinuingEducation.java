package org.custodian.staff;

import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Credentials and continuing education of the department's staff: what each member holds, the
 * CEUs they have logged, their progress toward recertification, and the director's team view. Authorized here,
 * whoever calls: a member reads and writes their own ({@code credentials:own}), a reviewer anyone's and the team's
 * ({@code credentials:review}).
 */
public interface ContinuingEducation {

    @PreAuthorize("hasAuthority('credentials:review') or (hasAuthority('credentials:own') and #username == authentication.name)")
    List<StaffCredential> credentials(String username);

    /** Records a credential, or updates it (a new number, a recertified cycle) if the member already holds it. */
    @PreAuthorize("hasAuthority('credentials:review') or (hasAuthority('credentials:own') and #username == authentication.name)")
    StaffCredential recordCredential(String username, NewCredential credential);

    @PreAuthorize("hasAuthority('credentials:review') or (hasAuthority('credentials:own') and #username == authentication.name)")
    List<CeActivity> activities(String username);

    default CeActivity logActivity(String username, NewCeActivity activity) {
        return logActivity(username, activity, null);
    }

    /** Logs an activity with its certificate (or none) as one unit: a rejected certificate logs nothing. */
    @PreAuthorize("hasAuthority('credentials:review') or (hasAuthority('credentials:own') and #username == authentication.name)")
    CeActivity logActivity(String username, NewCeActivity activity, Certificate certificate);

    /** Attaches a certificate; refuses a file that is too large or is not really a PDF, PNG or JPEG. */
    @PreAuthorize("hasAuthority('credentials:review') or (hasAuthority('credentials:own') and #username == authentication.name)")
    CeActivity attachCertificate(String username, long activityId, Certificate certificate);

    @PreAuthorize("hasAuthority('credentials:review') or (hasAuthority('credentials:own') and #username == authentication.name)")
    Optional<Certificate> certificate(String username, long activityId);

    /** Progress of each credential at today's date (the injected clock). */
    @PreAuthorize("hasAuthority('credentials:review') or (hasAuthority('credentials:own') and #username == authentication.name)")
    List<CredentialProgress> progress(String username);

    /** Every enabled member with credentials or job requirements, those needing attention first. */
    @PreAuthorize("hasAuthority('credentials:review')")
    List<TeamMemberStatus> team();

    /** The team's credentials and CEU standing as CSV, for an audit. */
    @PreAuthorize("hasAuthority('credentials:review')")
    String exportCsv();

    /** The CE domains the rules know, HIIM domains first. */
    @PreAuthorize("hasAnyAuthority('credentials:own', 'credentials:review')")
    List<String> domains();
}
