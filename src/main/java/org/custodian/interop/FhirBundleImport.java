package org.custodian.interop;

import java.util.Map;

/**
 * FHIR R4 import: one Bundle (JSON or XML) or one NDJSON file per call, all-or-nothing. Every
 * resource of every type is kept as received (the chart module's {@code ClinicalResources});
 * Patient, Encounter, Condition, Procedure, DocumentReference, DiagnosticReport with a
 * presentedForm, Practitioner and Organization are also filed in the chart's own tables. A
 * re-import of the same resources changes nothing; changed content is kept as a new version.
 *
 * <p>Code that builds resources itself (the HL7 v2 results feed turning ORU^R01 into Observations
 * and a DiagnosticReport) hands them here as a Bundle: {@link #importBundle}.
 */
public interface FhirBundleImport {

    /**
     * @param resources  every resource of the unit, kept or not
     * @param rejection  null when accepted; else the entry and the rule it broke (nothing was stored)
     */
    record Result(String name, int resources, Map<String, Integer> created, Map<String, Integer> updated,
                  Map<String, Integer> unchanged, String rejection) {

        public boolean accepted() {
            return rejection == null;
        }
    }

    /** {@code name} ending in {@code .ndjson} is read as NDJSON; otherwise JSON or XML by the first character. */
    Result importContent(String name, byte[] content);

    /**
     * A Bundle (transaction, batch or collection) built in code, imported as if it had been
     * received as {@code name}, all-or-nothing. Entries need ids (or fullUrls) so that a re-send
     * is recognised; references to entries of the bundle by {@code urn:uuid:} fullUrl or
     * {@code Type/id}, and to resources imported before by {@code Type/id}.
     */
    Result importBundle(String name, org.hl7.fhir.r4.model.Bundle bundle);
}
