package org.custodian.interop.internal.fhir;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.chart.ClinicalResources;
import org.custodian.privacy.BreakTheGlass;
import org.springframework.stereotype.Component;

/**
 * The FHIR API keeps a flagged chart closed exactly as the chart does (HIPAA 45 CFR 164.312(a)(2)(ii),
 * emergency access procedure; 164.308(a)(4), information access management): a read by id, a search in
 * one patient's compartment and {@code $everything} of a flagged patient, by a user without a care
 * relationship or an unexpired break-the-glass grant, is refused before anything is read (403
 * OperationOutcome, the ACCESS_DENIED audit event written by {@link BreakTheGlass#checkChartAccess});
 * a search across patients leaves the flagged patients out, matches and {@code total}. A bulk
 * {@code $export} is not a user's read of a chart: it keeps everyone (docs/features/fhir-break-the-glass.md).
 */
@Component
class FhirChartAccess {

    private final BreakTheGlass glass;
    private final ClinicalResources resources;

    FhirChartAccess(BreakTheGlass glass, ClinicalResources resources) {
        this.glass = glass;
        this.resources = resources;
    }

    /** Refuses (403, audited) when the signed-in user may not open this patient's chart; nothing when null. */
    void check(Long patientId) {
        if (patientId != null) {
            glass.checkChartAccess(patientId);
        }
    }

    /** Checks the patient of a kept resource before it is read (an unknown id passes, to be answered 404). */
    void checkKept(String type, String fhirId) {
        var local = resources.locals(type, List.of(fhirId)).get(fhirId);
        check(local == null ? null : local.patientId());
    }

    /** The flagged patients a search across patients leaves out for the signed-in user. */
    Set<Long> closed() {
        return glass.closedCharts();
    }

    /** Of "Type/id" references (an {@code _include}), those not of a patient in {@code closed}: looked up without a read. */
    void removeClosed(Collection<String> typeSlashIds, Set<Long> closed) {
        if (closed.isEmpty() || typeSlashIds.isEmpty()) {
            return;
        }
        Map<String, List<String>> byType = new HashMap<>();
        for (String ref : typeSlashIds) {
            int slash = ref.indexOf('/');
            if (slash > 0) {
                byType.computeIfAbsent(ref.substring(0, slash), k -> new java.util.ArrayList<>()).add(ref.substring(slash + 1));
            }
        }
        byType.forEach((type, ids) -> resources.locals(type, ids).forEach((id, local) -> {
            if (local.patientId() != null && closed.contains(local.patientId())) {
                typeSlashIds.remove(type + "/" + id);
            }
        }));
    }
}
