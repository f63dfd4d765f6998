package org.custodian.staff;

import java.util.List;
import java.util.Optional;

/**
 * Credentials and continuing education of the department's staff: what each member holds, the
 * CEUs they have logged, their progress toward recertification, and the director's team view.
 */
public interface ContinuingEducation {

    List<StaffCredential> credentials(String username);

    /** Records a credential, or updates it (a new number, a recertified cycle) if the member already holds it. */
    StaffCredential recordCredential(String username, NewCredential credential);

    List<CeActivity> activities(String username);

    default CeActivity logActivity(String username, NewCeActivity activity) {
        return logActivity(username, activity, null);
    }

    /** Logs an activity with its certificate (or none) as one unit: a rejected certificate logs nothing. */
    CeActivity logActivity(String username, NewCeActivity activity, Certificate certificate);

    /** Attaches a certificate; refuses a file that is too large or is not really a PDF, PNG or JPEG. */
    CeActivity attachCertificate(String username, long activityId, Certificate certificate);

    Optional<Certificate> certificate(String username, long activityId);

    /** Progress of each credential at today's date (the injected clock). */
    List<CredentialProgress> progress(String username);

    /** Every enabled member with credentials or job requirements, those needing attention first. */
    List<TeamMemberStatus> team();

    /** The team's credentials and CEU standing as CSV, for an audit. */
    String exportCsv();

    /** The CE domains the rules know, HIIM domains first. */
    List<String> domains();
}
