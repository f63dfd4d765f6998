package org.custodian.chart;

/**
 * The only grounds on which a covered entity may deny a request to amend (45 CFR 164.526(a)(2)).
 * Each says, in words a denial letter can quote, why the record stays as it is.
 */
public enum DenialReason {
    /** 164.526(a)(2)(i): not created by the covered entity (unless its originator is no longer available). */
    NOT_CREATED_BY_ENTITY("The information was not created by this organization."),
    /** 164.526(a)(2)(ii): not part of the designated record set. */
    NOT_IN_DESIGNATED_RECORD_SET("The information is not part of the designated record set."),
    /** 164.526(a)(2)(iii): not available for inspection under 164.524 (e.g. psychotherapy notes). */
    NOT_AVAILABLE_FOR_INSPECTION("The information would not be available for inspection under 45 CFR 164.524."),
    /** 164.526(a)(2)(iv): accurate and complete. */
    ACCURATE_AND_COMPLETE("The information is accurate and complete.");

    private final String text;

    DenialReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
