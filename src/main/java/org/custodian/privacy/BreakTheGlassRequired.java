package org.custodian.privacy;

import org.custodian.Problem;

/**
 * 403 {@code /problems/break-the-glass-required}: the chart is flagged and the user has no care
 * relationship; {@code POST /api/patients/{id}/break-glass} with a purpose of use and a reason opens it
 * (45 CFR 164.312(a)(2)(ii)).
 */
public class BreakTheGlassRequired extends Problem {

    public static final String TYPE = "break-the-glass-required";

    private final long patientId;

    public BreakTheGlassRequired(long patientId) {
        super(403, TYPE, "Break the glass required",
                "This chart is confidential and you have no care relationship with the patient: give a purpose of use and"
                        + " a reason (POST /api/patients/" + patientId + "/break-glass) to open it for a limited time;"
                        + " the privacy officer reviews every such access.");
        this.patientId = patientId;
        with("patientId", patientId);
        with("breakGlass", "/api/patients/" + patientId + "/break-glass");
    }

    public long patientId() {
        return patientId;
    }
}
