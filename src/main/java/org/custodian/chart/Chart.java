package org.custodian.chart;

import java.util.List;
import org.custodian.patient.Patient;

/** A patient's chart: demographics, encounters (newest first) and the documents filed. */
public record Chart(Patient patient, List<Encounter> encounters, List<DocumentSummary> documents) {
}
