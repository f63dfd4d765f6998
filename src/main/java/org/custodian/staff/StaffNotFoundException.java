package org.custodian.staff;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No staff account has that username. A 404 wherever it surfaces, as the patient's and the
 * chart's not-found exceptions: a problem detail on the API (web's {@code ApiProblems}), the
 * readable error page in the UI.
 */
public class StaffNotFoundException extends ErrorResponseException {
    public StaffNotFoundException(String username) {
        super(HttpStatus.NOT_FOUND);
        getBody().setDetail("no staff account named '" + username + "'");
    }
}
