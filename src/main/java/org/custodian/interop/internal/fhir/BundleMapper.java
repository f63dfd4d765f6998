package org.custodian.interop.internal.fhir;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/** Maps each new kept entry of a bundle, by its kind, into the plan of what the import writes. */
@Component
class BundleMapper {

    private final FhirDirectoryMapper directory;
    private final FhirPatientMapper patients;
    private final FhirEncounterMapper encounters;
    private final FhirFindingMapper findings;
    private final FhirDocumentMapper documents;

    BundleMapper(FhirDirectoryMapper directory, FhirPatientMapper patients, FhirEncounterMapper encounters,
                 FhirFindingMapper findings, FhirDocumentMapper documents) {
        this.directory = directory;
        this.patients = patients;
        this.encounters = encounters;
        this.findings = findings;
        this.documents = documents;
    }

    /** The plan of every kept entry no earlier import stored, checked; the first broken rule rejects the bundle. */
    ImportPlan plan(BundleIndex index) {
        ImportPlan plan = new ImportPlan();
        for (int i = 0; i < index.entries.size(); i++) {
            if (index.isNew(i)) {
                map(index, plan, i, index.resource(i));
            }
        }
        return plan;
    }

    private void map(BundleIndex index, ImportPlan plan, int i, Resource resource) {
        if (resource instanceof Organization o) {
            directory.organization(plan, i, o);
        } else if (resource instanceof Practitioner p) {
            directory.practitioner(plan, i, p);
        } else if (resource instanceof Patient p) {
            patients.patient(plan, i, p);
        } else if (resource instanceof Encounter e) {
            encounters.encounter(index, plan, i, e);
        } else if (resource instanceof Condition c) {
            findings.condition(index, plan, i, c);
        } else if (resource instanceof Procedure p) {
            findings.procedure(index, plan, i, p);
        } else if (resource instanceof DocumentReference d) {
            documents.documentReference(index, plan, i, d);
        } else if (resource instanceof DiagnosticReport d) {
            documents.diagnosticReport(index, plan, i, d);
        }
    }
}
