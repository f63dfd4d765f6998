package org.custodian.staff;

/** No staff account has that username. */
public class StaffNotFoundException extends RuntimeException {
    public StaffNotFoundException(String username) {
        super("no staff account named '" + username + "'");
    }
}
