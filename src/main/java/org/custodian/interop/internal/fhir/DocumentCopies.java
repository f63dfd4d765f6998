package org.custodian.interop.internal.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.ClinicalResources.DocumentCopy;
import org.custodian.interop.internal.fhir.SourceMap.Mapped;
import org.springframework.stereotype.Component;

/**
 * Tells the chart which kept resources of a bundle are copies of the documents it filed (issue 15):
 * a DocumentReference, and a DiagnosticReport with a presentedForm (Synthea's second copy of a note),
 * each filed as a clinical document now or by an earlier import of the same resource. The chart then
 * reads each copy under its document's tags and author, including tags put on the document later,
 * so that a psychotherapy note (45 CFR 164.508(a)(2)) or a Part 2 record (42 CFR 2.12) tagged in the
 * chart is not read through its FHIR copy. Runs in the import's transaction, after both are stored.
 */
@Component
class DocumentCopies {

    private final ClinicalResources resources;

    DocumentCopies(ClinicalResources resources) {
        this.resources = resources;
    }

    void link(BundleIndex index, Map<Integer, Long> localIds, String[] fhirIds) {
        List<DocumentCopy> copies = new ArrayList<>();
        for (int i = 0; i < index.entries.size(); i++) {
            String type = index.resource(i).fhirType();
            // sourceIds: an entry of a kind the chart's own tables model (a DiagnosticReport only with a presentedForm).
            if (index.sourceIds[i] == null || !(type.equals("DocumentReference") || type.equals("DiagnosticReport"))) {
                continue;
            }
            Long document = localIds.get(i);
            if (document == null) {
                Mapped earlier = index.existing.get(i);
                document = earlier == null ? null : earlier.localId();
            }
            if (document != null) {
                copies.add(new DocumentCopy(type, fhirIds[i], document));
            }
        }
        resources.linkDocuments(copies);
    }
}
