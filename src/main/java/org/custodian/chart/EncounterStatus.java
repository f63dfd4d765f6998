package org.custodian.chart;

/** Where an encounter stands (FHIR Encounter.status, HL7 v2 ADT events): planned (A05), in progress, finished, cancelled. */
public enum EncounterStatus {
    PLANNED, IN_PROGRESS, FINISHED, CANCELLED
}
