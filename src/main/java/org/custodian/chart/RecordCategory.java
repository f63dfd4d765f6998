package org.custodian.chart;

import java.util.List;

/**
 * The parts of the designated record set (45 CFR 164.501) a requester chooses beside documents:
 * a patient exercising the right of access (45 CFR 164.524) or a release of information may ask
 * for the labs and medication lists without the rest. Each is a set of kept FHIR resource types,
 * an Observation or DiagnosticReport narrowed by its category.
 */
public enum RecordCategory {
    LABS("Laboratory results", List.of(new Kind("Observation", "laboratory"), new Kind("DiagnosticReport", "LAB"))),
    VITALS("Vital signs", List.of(new Kind("Observation", "vital-signs"))),
    MEDICATIONS("Medications", List.of(new Kind("MedicationRequest", null), new Kind("MedicationAdministration", null),
            new Kind("MedicationStatement", null), new Kind("MedicationDispense", null))),
    ALLERGIES("Allergies and intolerances", List.of(new Kind("AllergyIntolerance", null))),
    IMMUNIZATIONS("Immunizations", List.of(new Kind("Immunization", null))),
    PROBLEMS("Problems and diagnoses", List.of(new Kind("Condition", null))),
    PROCEDURES("Procedures", List.of(new Kind("Procedure", null))),
    IMAGING("Imaging studies", List.of(new Kind("ImagingStudy", null), new Kind("DiagnosticReport", "RAD"))),
    SOCIAL_HISTORY("Social history and surveys", List.of(new Kind("Observation", "social-history"), new Kind("Observation", "survey"))),
    CARE_PLANS("Care plans and care teams", List.of(new Kind("CarePlan", null), new Kind("CareTeam", null), new Kind("Goal", null))),
    DEVICES("Implants and devices", List.of(new Kind("Device", null))),
    BILLING("Billing records (claims)", List.of(new Kind("Claim", null), new Kind("ExplanationOfBenefit", null)));

    /** A resource type, and the category code (Observation/DiagnosticReport.category) it is narrowed by, or null. */
    public record Kind(String type, String category) {
    }

    private final String label;
    private final List<Kind> kinds;

    RecordCategory(String label, List<Kind> kinds) {
        this.label = label;
        this.kinds = kinds;
    }

    public String label() {
        return label;
    }

    public List<Kind> kinds() {
        return kinds;
    }
}
