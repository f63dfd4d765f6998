package org.custodian.completion.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a deficiency that analysis did not find must refer to — the latest version of a deficiency rule, an
 * encounter the chart shares with completion, a document of that encounter, a practitioner of the provider
 * directory — checked in one place for a deficiency entered by hand ({@link JdbcRecordCompletion#addManual}) and
 * for the history converted from a previous system ({@link JdbcCompletionHistory}). A refusal names the field.
 */
final class DeficiencyReferences {

    /** The latest version of a rule. */
    record Rule(int version, int dueHours, boolean automatic) {
    }

    /** A deficiency's checked references: its rule and its encounter's patient. */
    record Checked(Rule rule, long patientId) {
    }

    private final Map<String, Rule> rules = new HashMap<>();
    private final Map<Long, Long> patientOf = new HashMap<>();
    private final Set<String> documents = new HashSet<>();
    private final Set<Long> practitioners = new HashSet<>();
    private final ProviderDirectory directory;

    /** The rules, and the encounters and documents of {@code encounterIds}, in three statements. */
    DeficiencyReferences(JdbcClient jdbc, ProviderDirectory directory, Collection<Long> encounterIds) {
        this.directory = directory;
        Long[] encounters = encounterIds.stream().distinct().toArray(Long[]::new);
        jdbc.sql("select distinct on (code) code, version, due_hours, automatic from deficiency_rule order by code, version desc")
                .query(rs -> {
                    rules.put(rs.getString(1), new Rule(rs.getInt(2), rs.getInt(3), rs.getBoolean(4)));
                });
        jdbc.sql("select encounter_id, patient_id from chart_completion_encounter where encounter_id = any(?)").param(encounters)
                .query(rs -> {
                    patientOf.put(rs.getLong(1), rs.getLong(2));
                });
        jdbc.sql("select document_id || ':' || encounter_id from chart_completion_document where encounter_id = any(?)")
                .param(encounters).query(String.class).list().forEach(documents::add);
    }

    /** Checks one deficiency's references; {@code at} prefixes a refusal ("row 2: "). */
    Checked check(String at, String rule, long encounterId, Long documentId, Long practitionerId) {
        Rule r = rules.get(rule);
        if (r == null) {
            throw new IllegalArgumentException(at + "rule: no such deficiency rule");
        }
        Long patientId = patientOf.get(encounterId);
        if (patientId == null) {
            throw new IllegalArgumentException(at + "encounterId: no such encounter");
        }
        if (documentId != null && !documents.contains(documentId + ":" + encounterId)) {
            throw new IllegalArgumentException(at + "documentId: not a document of this encounter");
        }
        if (practitionerId != null && !practitioners.contains(practitionerId)) {
            if (directory.find(practitionerId).isEmpty()) {
                throw new IllegalArgumentException(at + "practitionerId: not in the provider directory");
            }
            practitioners.add(practitionerId);
        }
        return new Checked(r, patientId);
    }
}
