package org.custodian.patient;

/** Administrative sex as registration records it (HL7 v2 table 0001, FHIR AdministrativeGender). */
public enum AdministrativeSex {
    F("Female"), M("Male"), O("Other"), U("Unknown");

    private final String label;

    AdministrativeSex(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
