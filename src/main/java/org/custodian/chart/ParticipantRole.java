package org.custodian.chart;

/** How a practitioner takes part in an encounter (FHIR v3-ParticipationType ATND, ADM, CON, and the surgeon; HL7 PV1-7, 17, 9). */
public enum ParticipantRole {
    ATTENDING("Attending"), ADMITTING("Admitting"), CONSULTING("Consulting"), OPERATING("Operating");

    private final String title;

    ParticipantRole(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
