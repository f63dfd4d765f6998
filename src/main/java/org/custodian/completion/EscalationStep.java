package org.custodian.completion;

/** The rungs of the escalation ladder the medical staff bylaws set for incomplete records. */
public enum EscalationStep {
    REMINDER("Reminder"), CHAIR_NOTICE("Notice to the department chair"), SUSPENSION("Suspension of admitting and scheduling privileges");

    private final String title;

    EscalationStep(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
