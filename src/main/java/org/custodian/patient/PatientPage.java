package org.custodian.patient;

import java.util.List;

/** A page of search results and how many there are in all. */
public record PatientPage(List<PatientSummary> items, int page, int size, long total) {
}
