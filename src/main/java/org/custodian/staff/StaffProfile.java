package org.custodian.staff;

/**
 * What HR knows of a staff member that privacy monitoring needs (45 CFR 164.308(a)(1)(ii)(D)): name,
 * home address, department, job and, where the employee is also a patient, their MRN.
 */
public record StaffProfile(String username, String givenName, String familyName, HomeAddress homeAddress,
                           String department, String job, String patientMrn) {

    public record HomeAddress(String line, String city, String state, String postalCode) {
    }
}
