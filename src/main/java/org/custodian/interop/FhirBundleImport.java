package org.custodian.interop;

import java.util.Map;

/**
 * FHIR R4 import: one Bundle (JSON or XML) or one NDJSON file per call, all-or-nothing. Kept:
 * Patient, Encounter, Condition, Procedure, DocumentReference, DiagnosticReport with a
 * presentedForm, Practitioner, Organization; a re-import of the same resources changes nothing.
 */
public interface FhirBundleImport {

    /**
     * @param resources  every resource of the unit, kept or not
     * @param rejection  null when accepted; else the entry and the rule it broke (nothing was stored)
     */
    record Result(String name, int resources, Map<String, Integer> created, Map<String, Integer> unchanged,
                  String rejection) {

        public boolean accepted() {
            return rejection == null;
        }
    }

    /** {@code name} ending in {@code .ndjson} is read as NDJSON; otherwise JSON or XML by the first character. */
    Result importContent(String name, byte[] content);
}
