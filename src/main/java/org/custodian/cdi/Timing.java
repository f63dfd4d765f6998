package org.custodian.cdi;

/**
 * When a review or a query happens relative to the stay and the claim (AHIMA/ACDIS 2022): while the
 * patient is in house, after discharge before the claim is final-coded, or after the bill.
 */
public enum Timing {
    CONCURRENT("Concurrent"), RETROSPECTIVE("Retrospective (pre-bill)"), POST_BILL("Post-bill");

    private final String title;

    Timing(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
