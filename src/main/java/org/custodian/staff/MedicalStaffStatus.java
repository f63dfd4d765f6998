package org.custodian.staff;

/** A practitioner's standing with the organized medical staff (42 CFR 482.22), as the bylaws name it. */
public enum MedicalStaffStatus {
    ACTIVE("Active"), PROVISIONAL("Provisional"), COURTESY("Courtesy"), CONSULTING("Consulting"),
    INACTIVE("Inactive"), UNVERIFIED("Unverified (from chart text)");

    private final String title;

    MedicalStaffStatus(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
