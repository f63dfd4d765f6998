package org.custodian.disclosure;

/**
 * Who asks for records, and what that means for the release: whether the right of access applies
 * (45 CFR 164.524), whether an authorization is needed (164.508), and whether the disclosure is
 * exempt from the accounting of disclosures (164.528(a)(1)).
 */
public enum RequesterType {
    PATIENT("Patient (right of access)", true, "to the individual, 45 CFR 164.528(a)(1)(ii)"),
    PERSONAL_REPRESENTATIVE("Personal representative (right of access)", true,
            "to the individual's personal representative, 45 CFR 164.502(g), 164.528(a)(1)(ii)"),
    THIRD_PARTY("Third party with the patient's authorization", false, "pursuant to an authorization, 45 CFR 164.528(a)(1)(iv)"),
    PROVIDER_TREATMENT("Provider, for treatment (continuing care)", false, "treatment, 45 CFR 164.506, 164.528(a)(1)(i)"),
    PAYER("Payer, for payment", false, "payment, 45 CFR 164.506, 164.528(a)(1)(i)"),
    ATTORNEY("Attorney", false, null),
    COURT("Court order or subpoena", false, null),
    PUBLIC_HEALTH("Public health authority", false, null),
    LAW_ENFORCEMENT("Law enforcement", false, null);

    private final String label;
    private final boolean rightOfAccess;
    private final String exemptFromAccounting;

    RequesterType(String label, boolean rightOfAccess, String exemptFromAccounting) {
        this.label = label;
        this.rightOfAccess = rightOfAccess;
        this.exemptFromAccounting = exemptFromAccounting;
    }

    public String label() {
        return label;
    }

    /** The patient's own right of access (164.524): its 30-day clock, its fee limits, no authorization. */
    public boolean rightOfAccess() {
        return rightOfAccess;
    }

    /** Why a release to this requester is left out of the accounting (164.528(a)(1)), or null if it is accounted. */
    public String exemptFromAccounting() {
        return exemptFromAccounting;
    }
}
