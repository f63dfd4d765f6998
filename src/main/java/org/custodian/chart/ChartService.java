package org.custodian.chart;

import java.util.List;

/** The chart module's API. Every method that touches a patient's data is audited. */
public interface ChartService {

    /** The whole chart (an audited read); throws {@link ChartNotFoundException} for an unknown patient. */
    Chart chart(long patientId);

    Encounter encounter(long id);

    ClinicalDocument document(long id);

    Encounter record(NewEncounter encounter);

    ClinicalDocument file(NewDocument document);

    /** Authenticates a document as the signed-in user. */
    ClinicalDocument sign(long documentId);

    /** Bulk loads in one transaction each (imports, the demo hospital); return the new ids in order. */
    List<Long> recordAll(List<NewEncounter> encounters);

    List<Long> fileAll(List<NewDocument> documents);
}
