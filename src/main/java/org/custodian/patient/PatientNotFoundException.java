package org.custodian.patient;

import org.custodian.Problem;

/** No patient has that id: {@code /problems/patient-not-found}, 404. */
public class PatientNotFoundException extends Problem {

    public PatientNotFoundException(long id) {
        super(404, "patient-not-found", "Patient not found", "No patient has id " + id + ".");
    }
}
