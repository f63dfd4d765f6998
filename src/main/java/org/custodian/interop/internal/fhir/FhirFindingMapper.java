package org.custodian.interop.internal.fhir;

import java.time.Instant;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewFinding;
import org.custodian.interop.internal.fhir.BundleIndex.Ref;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Procedure;
import org.springframework.stereotype.Component;

/**
 * Condition and Procedure → coded findings of the chart, keeping the code and its system (the
 * coding module works from them): the patient (required), the encounter, one preferred coding.
 */
@Component
class FhirFindingMapper {

    private final BundleEntryValidator validator;

    FhirFindingMapper(BundleEntryValidator validator) {
        this.validator = validator;
    }

    void condition(BundleIndex index, ImportPlan plan, int i, Condition c) {
        Ref patient = index.required(i, "Condition", "subject", c.getSubject(), "Patient");
        Ref encounter = index.resolve(i, "Condition", "encounter", c.getEncounter(), "Encounter");
        Coding coding = preferred(i, "Condition", c.getCode());
        Instant recorded = c.hasRecordedDate() ? c.getRecordedDate().toInstant()
                : c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType().getValue().toInstant() : null;
        finding(plan, i, "Condition", new NewFinding(0, null, FindingKind.CONDITION, coding.getSystem(), coding.getCode(),
                FhirText.truncate(coding.hasDisplay() ? coding.getDisplay() : c.getCode().getText(), 1000), null, recorded),
                patient, encounter);
    }

    void procedure(BundleIndex index, ImportPlan plan, int i, Procedure p) {
        Ref patient = index.required(i, "Procedure", "subject", p.getSubject(), "Patient");
        Ref encounter = index.resolve(i, "Procedure", "encounter", p.getEncounter(), "Encounter");
        Coding coding = preferred(i, "Procedure", p.getCode());
        Instant performed = p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValue().toInstant()
                : p.hasPerformedPeriod() && p.getPerformedPeriod().hasStart() ? p.getPerformedPeriod().getStart().toInstant()
                : null;
        finding(plan, i, "Procedure", new NewFinding(0, null, FindingKind.PROCEDURE, coding.getSystem(), coding.getCode(),
                FhirText.truncate(coding.hasDisplay() ? coding.getDisplay() : p.getCode().getText(), 1000), performed, null),
                patient, encounter);
    }

    /** ICD-10-CM first (what the coder reports), then SNOMED CT, then whatever coding has a system and code. */
    private static Coding preferred(int i, String type, CodeableConcept concept) {
        Coding best = null;
        for (Coding c : concept.getCoding()) {
            if (!c.hasSystem() || !c.hasCode()) {
                continue;
            }
            if (CodedFinding.ICD_10_CM.equals(c.getSystem())) {
                return c;
            }
            if (best == null || (CodedFinding.SNOMED_CT.equals(c.getSystem()) && !CodedFinding.SNOMED_CT.equals(best.getSystem()))) {
                best = c;
            }
        }
        if (best == null) {
            throw BundleRejected.entry(i, type, "code", IssueType.REQUIRED, "a coding with a system and a code is required");
        }
        return best;
    }

    private void finding(ImportPlan plan, int i, String type, NewFinding finding, Ref patient, Ref encounter) {
        validator.validate(i, type, finding);
        plan.finding(i, finding, patient, encounter);
    }
}
