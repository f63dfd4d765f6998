package org.custodian.staff;

/** Where a credential stands in its cycle. Due-in warnings apply only while CEUs are short. */
public enum RecertificationStatus {
    MET, IN_PROGRESS, DUE_IN_90_DAYS, DUE_IN_60_DAYS, DUE_IN_30_DAYS, LAPSED;

    public boolean warning() {
        return this != MET && this != IN_PROGRESS;
    }
}
