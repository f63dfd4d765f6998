package org.custodian.staff;

import org.custodian.Problem;

/**
 * No staff account has that username: {@code /problems/staff-not-found}, 404 wherever it surfaces
 * (a problem detail on the API, the readable error page in the UI).
 */
public class StaffNotFoundException extends Problem {

    public StaffNotFoundException(String username) {
        super(404, "staff-not-found", "Staff member not found", "no staff account named '" + username + "'");
    }
}
