package org.custodian.disclosure;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.custodian.chart.RecordCategory;
import org.custodian.chart.DocumentType;

/**
 * A request for records as the ROI specialist takes it in.
 *
 * @param receivedOn   when the request reached the facility: the clocks run from here
 * @param state        the jurisdiction (two-letter state) whose shorter deadline applies, if any
 * @param dateFrom     first day of service asked for, or null for no lower bound
 * @param dateTo       last day of service asked for, or null
 * @param documentTypes document types asked for; empty means all
 * @param encounterIds encounters asked for; empty means all in the date range
 * @param authorization the patient's authorization, when one was received
 * @param legalProcess subpoena or court order, when one was received
 * @param recordCategories parts of the kept clinical record asked for beside documents (labs,
 *                     medications, ...); empty means documents only
 */
public record NewDisclosureRequest(long patientId, RequesterType requesterType, String requesterName,
                                   String requesterAddress, String purpose, Delivery delivery, LocalDate receivedOn,
                                   String state, LocalDate dateFrom, LocalDate dateTo, Set<DocumentType> documentTypes,
                                   List<Long> encounterIds, Authorization authorization, LegalProcess legalProcess,
                                   Set<RecordCategory> recordCategories) {

    /** Documents only, no other part of the clinical record. */
    public NewDisclosureRequest(long patientId, RequesterType requesterType, String requesterName, String requesterAddress,
                                String purpose, Delivery delivery, LocalDate receivedOn, String state, LocalDate dateFrom,
                                LocalDate dateTo, Set<DocumentType> documentTypes, List<Long> encounterIds,
                                Authorization authorization, LegalProcess legalProcess) {
        this(patientId, requesterType, requesterName, requesterAddress, purpose, delivery, receivedOn, state, dateFrom, dateTo,
                documentTypes, encounterIds, authorization, legalProcess, Set.of());
    }

    public NewDisclosureRequest {
        recordCategories = recordCategories == null ? Set.of() : Set.copyOf(recordCategories);
        documentTypes = documentTypes == null ? Set.of() : Set.copyOf(documentTypes);
        encounterIds = encounterIds == null ? List.of() : List.copyOf(encounterIds);
        legalProcess = legalProcess == null ? LegalProcess.NONE : legalProcess;
    }
}
