package org.custodian.staff;

/**
 * A practitioner of the provider directory. {@code npi} is null for one first known only by a
 * chart's free text (status {@link MedicalStaffStatus#UNVERIFIED}); {@code username} is the staff
 * account they sign in with, null when they have none.
 */
public record Practitioner(long id, String npi, String name, String credentials, String specialty, String department,
                           MedicalStaffStatus status, String username) {

    /** "Jane Smith, MD" — once, also when the name came from a chart that already wrote the degree after it. */
    public String display() {
        if (credentials == null || credentials.isBlank() || name.endsWith(", " + credentials)) {
            return name;
        }
        return name + ", " + credentials;
    }
}
