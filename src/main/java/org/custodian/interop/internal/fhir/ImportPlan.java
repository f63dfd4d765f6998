package org.custodian.interop.internal.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.NewFinding;
import org.custodian.interop.internal.fhir.BundleIndex.Ref;
import org.custodian.patient.NewPatient;

/**
 * What a checked bundle will write, per kind in the order of its entries. Chart rows hold their
 * patient and encounter as references still to be turned into local ids: a patient of the same
 * bundle has none until it is registered.
 */
final class ImportPlan {

    final List<Integer> orgEntries = new ArrayList<>();
    /** name, city, state. */
    final List<String[]> orgRows = new ArrayList<>();
    final List<Integer> practEntries = new ArrayList<>();
    /** NPI, name. */
    final List<String[]> practRows = new ArrayList<>();
    final List<Integer> patientEntries = new ArrayList<>();
    final List<NewPatient> newPatients = new ArrayList<>();
    final List<Integer> encounterEntries = new ArrayList<>();
    final List<NewEncounter> newEncounters = new ArrayList<>();
    final List<Ref> encounterPatients = new ArrayList<>();
    final List<Integer> documentEntries = new ArrayList<>();
    final List<NewDocument> newDocuments = new ArrayList<>();
    /** patient, encounter (or null). */
    final List<Ref[]> documentRefs = new ArrayList<>();
    final List<Integer> findingEntries = new ArrayList<>();
    final List<NewFinding> newFindings = new ArrayList<>();
    /** patient, encounter (or null). */
    final List<Ref[]> findingRefs = new ArrayList<>();
    /** A DiagnosticReport whose note is also sent as a DocumentReference: filed once, mapped to both. */
    final Map<Integer, Integer> sameDocument = new HashMap<>();

    void organization(int entry, String name, String city, String state) {
        orgEntries.add(entry);
        orgRows.add(new String[] {name, city, state});
    }

    void practitioner(int entry, String npi, String name) {
        practEntries.add(entry);
        practRows.add(new String[] {npi, name});
    }

    void patient(int entry, NewPatient patient) {
        patientEntries.add(entry);
        newPatients.add(patient);
    }

    /** A practitioner typed on an encounter (v3-ParticipationType ATND, ADM, CON), by NPI when the bundle gives one, else by name. */
    record Participant(org.custodian.chart.ParticipantRole role, String npi, String name) {
    }

    /** The typed participants of each encounter, in the order of {@link #newEncounters}. */
    final List<List<Participant>> encounterParticipants = new ArrayList<>();

    void encounter(int entry, NewEncounter encounter, Ref patient) {
        encounter(entry, encounter, patient, List.of());
    }

    void encounter(int entry, NewEncounter encounter, Ref patient, List<Participant> participants) {
        encounterEntries.add(entry);
        newEncounters.add(encounter);
        encounterPatients.add(patient);
        encounterParticipants.add(List.copyOf(participants));
    }

    void document(int entry, NewDocument document, Ref patient, Ref encounter) {
        documentEntries.add(entry);
        newDocuments.add(document);
        documentRefs.add(new Ref[] {patient, encounter});
    }

    void finding(int entry, NewFinding finding, Ref patient, Ref encounter) {
        findingEntries.add(entry);
        newFindings.add(finding);
        findingRefs.add(new Ref[] {patient, encounter});
    }

    /** The DiagnosticReport of {@code reportEntry} is the note of the DocumentReference of {@code documentEntry}. */
    void sameDocument(int reportEntry, int documentEntry) {
        sameDocument.put(reportEntry, documentEntry);
    }
}
