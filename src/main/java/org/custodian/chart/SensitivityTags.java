package org.custodian.chart;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Sensitivity tags of the chart. A document's effective tags are its own plus those of the
 * encounter it was filed under. Tagging is audited as an update of the document or encounter.
 */
public interface SensitivityTags {

    @PreAuthorize("hasAuthority('chart:write')")
    void tagDocument(long documentId, Sensitivity tag);

    @PreAuthorize("hasAuthority('chart:write')")
    void tagEncounter(long encounterId, Sensitivity tag);

    /** Bulk tagging of documents (the demo hospital), one statement and one audit append. */
    @PreAuthorize("hasAuthority('chart:write')")
    void tagDocuments(Map<Long, Sensitivity> tags);

    /** The effective tags of one document (its own and its encounter's); empty when untagged. */
    Set<Sensitivity> ofDocument(long documentId);

    /** The tags of one encounter. */
    Set<Sensitivity> ofEncounter(long encounterId);

    /** The tags of many encounters, keyed by encounter id; untagged encounters are absent. */
    Map<Long, Set<Sensitivity>> ofEncounters(Collection<Long> encounterIds);

    /** The effective tags of many documents, keyed by document id; untagged documents are absent. */
    Map<Long, Set<Sensitivity>> ofDocuments(Collection<Long> documentIds);
}
