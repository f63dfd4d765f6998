package org.custodian.chart;

/** Where a request to amend stands (45 CFR 164.526): awaiting action, accepted, or denied. */
public enum AmendmentStatus {
    PENDING, ACCEPTED, DENIED
}
