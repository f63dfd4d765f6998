package org.custodian.disclosure;

/** How the released records reach the requester. */
public enum Delivery {
    PDF_DOWNLOAD("PDF download", true),
    PAPER("Paper copy by mail", false),
    SECURE_EMAIL("Secure e-mail", true),
    FHIR("FHIR (electronic)", true);

    private final String label;
    private final boolean electronic;

    Delivery(String label, boolean electronic) {
        this.label = label;
        this.electronic = electronic;
    }

    public String label() {
        return label;
    }

    /** Electronic copies may be charged the flat $6.50 (HHS guidance on 45 CFR 164.524(c)(4)). */
    public boolean electronic() {
        return electronic;
    }
}
