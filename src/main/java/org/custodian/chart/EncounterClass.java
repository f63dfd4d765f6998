package org.custodian.chart;

/** The kind of visit (HL7 v3 ActEncounterCode: IMP, AMB, EMER). */
public enum EncounterClass {
    INPATIENT("Inpatient"), OUTPATIENT("Outpatient"), EMERGENCY("Emergency");

    private final String label;

    EncounterClass(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
