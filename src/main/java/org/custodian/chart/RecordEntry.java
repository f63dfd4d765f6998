package org.custodian.chart;

import java.time.Instant;
import java.util.Set;

/**
 * One kept clinical resource as a person reads it (a line of a packet or of the chart):
 * when, what, its value, a detail (flag, reaction, dose) and its status; {@code id} the kept row,
 * {@code tags} its sensitivity (its own, from {@code clinical_sensitivity_rule}, and its encounter's),
 * by which a release segments it as it does a document.
 */
public record RecordEntry(long id, RecordCategory category, String type, Instant when, String what, String value, String detail,
                          String status, Set<Sensitivity> tags) {
}
