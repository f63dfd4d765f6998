package org.custodian.privacy;

import static org.custodian.privacy.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The roles of an HIM department and what each may do: the one place where roles become
 * permissions. Minimum necessary (HIPAA 45 CFR 164.502(b), 164.514(d)): a role gets only the
 * permissions its work needs; an auditor reviews the log without reading charts.
 */
public enum Role {
    HIM_DIRECTOR("HIM director", EnumSet.of(CHART_READ, CHART_WRITE, AUDIT_READ, AUDIT_VERIFY, CODING_READ)),
    CODER("Coder", EnumSet.of(CHART_READ, CODING_READ)),
    ROI_SPECIALIST("Release-of-information specialist", EnumSet.of(CHART_READ)),
    CDI_SPECIALIST("CDI specialist", EnumSet.of(CHART_READ, CODING_READ)),
    PRIVACY_OFFICER("Privacy officer", EnumSet.of(CHART_READ, AUDIT_READ, AUDIT_VERIFY)),
    CLINICIAN("Clinician", EnumSet.of(CHART_READ, CHART_WRITE, DOCUMENT_SIGN)),
    AUDITOR("Auditor", EnumSet.of(AUDIT_READ, AUDIT_VERIFY)),
    ADMIN("Administrator", EnumSet.allOf(Permission.class));

    private final String title;
    private final Set<Permission> permissions;

    Role(String title, Set<Permission> permissions) {
        this.title = title;
        this.permissions = permissions;
    }

    public String title() {
        return title;
    }

    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }
}
