package org.custodian.chart;

/**
 * Clinical document types with their LOINC document codes. LOINC has no code of its own for an H&P
 * update (it is filed under the H&P note code, and a feed's H&P code imports as the H&P itself) nor
 * for a verbal order (filed under "Provider orders").
 */
public enum DocumentType {
    DISCHARGE_SUMMARY("18842-5", "Discharge summary"),
    HISTORY_AND_PHYSICAL("34117-2", "History and physical note"),
    OPERATIVE_REPORT("11504-8", "Surgical operation note"),
    PROGRESS_NOTE("11506-3", "Progress note"),
    CONSULT_NOTE("11488-4", "Consult note"),
    /** The update note to an H&P written up to 30 days before admission (42 CFR 482.22(c)(5)(i)). */
    HISTORY_AND_PHYSICAL_UPDATE("34117-2", "H&P interval update note"),
    /** A verbal or telephone order as taken down, to be authenticated by the ordering practitioner (42 CFR 482.24(c)(3)). */
    VERBAL_ORDER("46209-3", "Verbal or telephone order"),
    /** The patient's informed consent to a surgical or invasive procedure (42 CFR 482.51(b)(2)). */
    PROCEDURE_CONSENT("59284-0", "Procedure consent");

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
