package org.custodian.chart;

import org.custodian.Problem;

/**
 * No chart record of that kind has that id: {@code /problems/chart-record-not-found}, 404, with the
 * record's kind ({@code what}) as a property so that a client can tell an encounter from a document.
 */
public class ChartNotFoundException extends Problem {

    public ChartNotFoundException(String what, long id) {
        super(404, "chart-record-not-found", what + " not found", "No " + what.toLowerCase() + " has id " + id + ".");
        with("record", what);
    }
}
