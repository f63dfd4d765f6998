package org.custodian.practicum;

import java.util.Map;

/**
 * One thing a student decides: an MPI pair (two records side by side) or an audit event (one
 * row, {@code right} null). Fields are display label → value, synthetic data only.
 */
public record WorkItem(String id, Map<String, String> left, Map<String, String> right) {
}
