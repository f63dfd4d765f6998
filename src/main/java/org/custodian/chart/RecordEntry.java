package org.custodian.chart;

import java.time.Instant;

/**
 * One kept clinical resource as a person reads it (a line of a packet or of the chart):
 * when, what, its value, a detail (flag, reaction, dose) and its status.
 */
public record RecordEntry(RecordCategory category, String type, Instant when, String what, String value, String detail,
                          String status) {
}
