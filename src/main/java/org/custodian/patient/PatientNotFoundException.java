package org.custodian.patient;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

public class PatientNotFoundException extends ErrorResponseException {
    public PatientNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND);
        getBody().setTitle("Patient not found");
        getBody().setDetail("No patient has id " + id + ".");
    }
}
