package org.custodian.interop.internal.fhir;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What importing one bundle did: per resource type how many were created, how many were already
 * there (a re-import), how many were kept as a new version (changed content); and per entry its outcome.
 * Every resource of every type is kept: nothing is reported as dropped.
 */
record ImportReport(String bundleType, Map<String, Integer> created, Map<String, Integer> updated, Map<String, Integer> unchanged,
                    List<EntryResult> entries) {

    /** {@code status} as in a transaction-response ("201 Created"), {@code location} "Type/id" or null. */
    record EntryResult(String status, String location, String note) {
    }

    /** The note of a DiagnosticReport filed as the DocumentReference that names it (Synthea sends notes twice). */
    static final String SAME_DOCUMENT = "same document as entry ";

    int createdTotal() {
        return created.values().stream().mapToInt(Integer::intValue).sum();
    }

    int unchangedTotal() {
        return unchanged.values().stream().mapToInt(Integer::intValue).sum();
    }

    int resources() {
        return entries.size();
    }

    static Map<String, Integer> counter() {
        return new TreeMap<>();
    }
}
