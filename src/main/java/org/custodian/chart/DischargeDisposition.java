package org.custodian.chart;

import java.util.Arrays;
import java.util.Optional;

/** Where the patient went: the UB-04 patient discharge status codes (form locator 17) in common use. */
public enum DischargeDisposition {
    HOME("01", "Discharged to home or self-care"),
    SHORT_TERM_HOSPITAL("02", "Transferred to a short-term general hospital"),
    SKILLED_NURSING("03", "Transferred to a skilled nursing facility"),
    CUSTODIAL_CARE("04", "Transferred to a facility providing custodial or supportive care"),
    HOME_HEALTH("06", "Discharged to home under a home health organization"),
    LEFT_AMA("07", "Left against medical advice"),
    EXPIRED("20", "Expired"),
    HOSPICE_HOME("50", "Discharged to hospice at home"),
    REHAB_FACILITY("62", "Transferred to an inpatient rehabilitation facility");

    private final String code;
    private final String label;

    DischargeDisposition(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<DischargeDisposition> ofCode(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }
}
