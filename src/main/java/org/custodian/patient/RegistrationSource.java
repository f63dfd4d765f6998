package org.custodian.patient;

/**
 * Where a registration came from, kept on the patient row ({@code patient.registration_source}) so that
 * AHIMA's duplicate creation rate can be told apart by source: the registration desk, the ADT feed, a
 * FHIR import, another bulk path. Registrations from before it was recorded are {@link #UNKNOWN}.
 */
public enum RegistrationSource {
    DESK("Registration desk"), ADT_FEED("ADT feed"), FHIR_IMPORT("FHIR import"), OTHER("Other"), UNKNOWN("Not recorded");

    private final String words;

    RegistrationSource(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
