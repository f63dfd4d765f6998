package org.custodian.staff;

/**
 * The first administrator account was created at start. {@code oneTimePassword} is the generated
 * password when none was configured (shown once, so that the demo can put it in its owner-only
 * credentials file beside the demo users'), or null when it came from CUSTODIAN_ADMIN_PASSWORD.
 * Published in-process only, never stored or logged.
 */
public record AdministratorCreated(String username, String oneTimePassword) {

    @Override
    public String toString() {
        return "AdministratorCreated[username=" + username + "]"; // never the password
    }
}
