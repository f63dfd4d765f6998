package org.custodian.interop.internal.fhir;

import java.util.Map;

/** An import's counts as the upload page shows them ("Patient 1, Encounter 3"). */
public record ImportReportView(int resources, String created, String unchanged, String updated) {

    static ImportReportView of(ImportReport r) {
        return new ImportReportView(r.resources(), text(r.created()), text(r.unchanged()), text(r.updated()));
    }

    private static String text(Map<String, Integer> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach((t, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(t).append(' ').append(n));
        return sb.toString();
    }
}
