package org.custodian.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Privacy monitoring's figures for the department dashboard: the snooping alerts (unexplained chart
 * access, 45 CFR 164.308(a)(1)(ii)(D)) open at an instant. Rows carry ids only, no names: the caller
 * checks who may see the figure and names patients through its own audited call.
 */
public interface MonitoringFigures {

    /** An alert raised before the instant and not decided by then. */
    record OpenAlert(long alertId, long patientId, String user, LocalDate day, int score, Instant createdAt) {
    }

    /** Alerts open at {@code at}: created before it and not decided before it; highest score first. */
    List<OpenAlert> openAt(Instant at);
}
