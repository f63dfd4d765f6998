package org.custodian.chart;

/** Clinical document types with their LOINC document codes. */
public enum DocumentType {
    DISCHARGE_SUMMARY("18842-5", "Discharge summary"),
    HISTORY_AND_PHYSICAL("34117-2", "History and physical note"),
    OPERATIVE_REPORT("11504-8", "Surgical operation note"),
    PROGRESS_NOTE("11506-3", "Progress note"),
    CONSULT_NOTE("11488-4", "Consult note");

    private final String loinc;
    private final String title;

    DocumentType(String loinc, String title) {
        this.loinc = loinc;
        this.title = title;
    }

    public String loinc() {
        return loinc;
    }

    public String title() {
        return title;
    }
}
