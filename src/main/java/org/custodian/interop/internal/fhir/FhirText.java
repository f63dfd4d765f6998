package org.custodian.interop.internal.fhir;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;

/** The readable text of FHIR names and concepts, cut to the length a chart column holds. */
final class FhirText {

    private FhirText() {
    }

    /** The name as written ("text"), else prefix, given names and family. */
    static String displayName(HumanName n) {
        if (n.hasText()) {
            return n.getText();
        }
        StringBuilder sb = new StringBuilder();
        n.getPrefix().forEach(x -> sb.append(x.getValue()).append(' '));
        n.getGiven().forEach(x -> sb.append(x.getValue()).append(' '));
        if (n.hasFamily()) {
            sb.append(n.getFamily());
        }
        return sb.toString().trim();
    }

    /** The concept's text, else the first coding's display; null when it has neither. */
    static String text(CodeableConcept concept) {
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().map(Coding::getDisplay).filter(x -> x != null).findFirst().orElse(null);
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
