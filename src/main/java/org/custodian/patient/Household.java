package org.custodian.patient;

/** A patient's name, MRN and home address: what privacy monitoring compares with its staff (45 CFR 164.308(a)(1)(ii)(D)). */
public record Household(long id, String mrn, String familyName, String givenName, String addressLine, String postalCode) {
}
