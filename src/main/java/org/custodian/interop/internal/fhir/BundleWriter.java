package org.custodian.interop.internal.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterParticipant;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.NewFinding;
import org.custodian.interop.internal.fhir.BundleIndex.Ref;
import org.custodian.interop.internal.fhir.SourceMap.Key;
import org.custodian.interop.internal.fhir.SourceMap.Mapped;
import org.custodian.patient.PatientRegistry;
import org.custodian.mpi.RegistrationScreen;
import org.custodian.staff.Npi;
import org.custodian.staff.ProviderDirectory;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/**
 * Writes a checked bundle's plan through the patient and chart modules' bulk APIs, kind by kind
 * (directory, patients, encounters, documents, findings), then records each entry's source keys
 * in {@code fhir_source_map}. Called inside the import's transaction: every bulk API joins it, so a
 * failure anywhere stores nothing.
 */
@Component
class BundleWriter {

    /** The local row of each entry written (or, for a DiagnosticReport filed as its DocumentReference, that row). */
    record Written(Map<Integer, Long> localIds) {
    }

    private final SourceMap map;
    private final PatientRegistry patients;
    private final RegistrationScreen screen;
    private final ChartService charts;
    private final ChartFindings findings;
    private final ProviderDirectory directory;

    BundleWriter(SourceMap map, PatientRegistry patients, RegistrationScreen screen, ChartService charts, ChartFindings findings,
                 ProviderDirectory directory) {
        this.directory = directory;
        this.map = map;
        this.patients = patients;
        this.screen = screen;
        this.charts = charts;
        this.findings = findings;
    }

    Written write(BundleIndex index, ImportPlan plan) {
        return new Write(index, plan).run();
    }

    /** One bundle's write: the local ids given so far, by entry, to turn later rows' references into ids. */
    private final class Write {
        final BundleIndex index;
        final ImportPlan plan;
        final Map<Integer, Long> localIds = new HashMap<>();
        final Map<Integer, Long> patientOfEntry = new HashMap<>();
        final Map<String, Long> practitioners = new HashMap<>();

        Write(BundleIndex index, ImportPlan plan) {
            this.index = index;
            this.plan = plan;
        }

        Written run() {
            put(plan.orgEntries, map.insertOrganizations(plan.orgRows), null);
            put(plan.practEntries, map.insertPractitioners(plan.practRows), null);
            // A Practitioner with a valid NPI joins the provider directory (an unverified entry of the same name takes it).
            for (String[] npiAndName : plan.practRows) {
                if (npiAndName[0] != null && Npi.valid(npiAndName[0])) {
                    directory.resolveNpi(npiAndName[0], npiAndName[1]);
                }
            }
            List<Long> patientIds = patients.registerAll(plan.newPatients, org.custodian.patient.RegistrationSource.FHIR_IMPORT);
            put(plan.patientEntries, patientIds, null);
            for (int k = 0; k < plan.patientEntries.size(); k++) {
                patientOfEntry.put(plan.patientEntries.get(k), patientIds.get(k));
            }
            // A registration without a registrar: the MPI screens each newly registered patient
            // after this transaction commits (queued in it, so a rejected bundle queues nothing),
            // as it does for the ADT feed; likely matches go to the duplicate worklist. A
            // re-import finds its patients by their source ids and registers, so queues, none.
            screen.screenLater(patientIds);
            encounters();
            documents();
            findings();
            sourceMap();
            return new Written(localIds);
        }

        private void encounters() {
            List<NewEncounter> encounters = new ArrayList<>(plan.newEncounters.size());
            List<Long> encounterPatientIds = new ArrayList<>();
            for (int k = 0; k < plan.newEncounters.size(); k++) {
                NewEncounter e = plan.newEncounters.get(k);
                long patientId = patientId(plan.encounterPatients.get(k));
                encounterPatientIds.add(patientId);
                List<EncounterParticipant> participants = new ArrayList<>();
                for (ImportPlan.Participant p : plan.encounterParticipants.get(k)) {
                    // Once per practitioner and bundle: a patient's encounters name the same few clinicians.
                    long practitioner = practitioners.computeIfAbsent(p.npi() + "|" + p.name(), key -> p.npi() != null && Npi.valid(p.npi())
                            ? directory.resolveNpi(p.npi(), p.name()) : directory.resolveNames(List.of(p.name())).get(p.name().trim()));
                    EncounterParticipant ep = new EncounterParticipant(p.role(), practitioner, e.admitAt());
                    if (!participants.contains(ep)) {
                        participants.add(ep);
                    }
                }
                encounters.add(new NewEncounter(patientId, e.encounterNumber(), e.encounterClass(), e.admitAt(),
                        e.dischargeAt(), e.attendingProvider(), e.service(), e.dischargeDisposition(), participants));
            }
            put(plan.encounterEntries, charts.recordAll(encounters), encounterPatientIds);
        }

        /** A DiagnosticReport that duplicates a DocumentReference of this bundle is not filed again. */
        private void documents() {
            List<Integer> docEntries = new ArrayList<>();
            List<NewDocument> documents = new ArrayList<>();
            List<Long> documentPatients = new ArrayList<>();
            for (int k = 0; k < plan.newDocuments.size(); k++) {
                int entry = plan.documentEntries.get(k);
                if (plan.sameDocument.containsKey(entry)) {
                    continue;
                }
                NewDocument d = plan.newDocuments.get(k);
                Ref[] refs = plan.documentRefs.get(k);
                long patientId = patientId(refs[0]);
                requireSamePatient(entry, refs[1], patientId);
                docEntries.add(entry);
                documentPatients.add(patientId);
                documents.add(new NewDocument(patientId, localId(refs[1]), d.type(), d.title(), d.author(),
                        d.text(), d.status(), d.createdAt(), d.signedBy(), d.signedAt()));
            }
            put(docEntries, charts.fileAll(documents), documentPatients);
            for (Map.Entry<Integer, Integer> same : plan.sameDocument.entrySet()) {
                if (localIds.containsKey(same.getValue())) {
                    localIds.put(same.getKey(), localIds.get(same.getValue()));
                    patientOfEntry.put(same.getKey(), patientOfEntry.get(same.getValue()));
                }
            }
        }

        private void findings() {
            List<NewFinding> coded = new ArrayList<>(plan.newFindings.size());
            List<Long> findingPatients = new ArrayList<>();
            for (int k = 0; k < plan.newFindings.size(); k++) {
                NewFinding f = plan.newFindings.get(k);
                Ref[] refs = plan.findingRefs.get(k);
                long patientId = patientId(refs[0]);
                requireSamePatient(plan.findingEntries.get(k), refs[1], patientId);
                findingPatients.add(patientId);
                coded.add(new NewFinding(patientId, localId(refs[1]), f.kind(), f.system(), f.code(),
                        f.display(), f.performedAt(), f.recordedAt()));
            }
            put(plan.findingEntries, findings.recordAll(coded), findingPatients);
        }

        /** Each kept entry's keys not stored yet, new entries and already-imported ones alike. */
        private void sourceMap() {
            List<SourceMap.Row> rows = new ArrayList<>();
            for (Map.Entry<Integer, List<Key>> e : index.keysOf.entrySet()) {
                int entry = e.getKey();
                Mapped known = index.existing.get(entry);
                long local = known != null ? known.localId() : localIds.get(entry);
                Long patient = known != null ? known.patientId() : patientOfEntry.get(entry);
                for (Key key : e.getValue()) {
                    if (!index.stored.containsKey(key)) {
                        rows.add(new SourceMap.Row(key.resourceType(), key.sourceKey(), local, patient));
                    }
                }
            }
            map.insert(rows);
        }

        private long patientId(Ref ref) {
            if (ref.entry() == null) {
                if (ref.type().equals("Patient")) {
                    return ref.local();
                }
                return ref.patientId();
            }
            return ref.type().equals("Patient") ? localIds.get(ref.entry()) : patientOfEntry.get(ref.entry());
        }

        private Long localId(Ref ref) {
            if (ref == null) {
                return null;
            }
            return ref.entry() == null ? ref.local() : localIds.get(ref.entry());
        }

        /** An encounter of another patient than the resource's subject is a broken reference. */
        private void requireSamePatient(int entry, Ref encounter, long patientId) {
            if (encounter == null) {
                return;
            }
            long encounterPatient = encounter.entry() == null ? encounter.patientId() : patientOfEntry.get(encounter.entry());
            if (encounterPatient != patientId) {
                throw BundleRejected.entry(entry, index.resource(entry).fhirType(), "encounter",
                        IssueType.INVALID, "the encounter belongs to another patient than the subject");
            }
        }

        private void put(List<Integer> entryIndexes, List<Long> ids, List<Long> patientIds) {
            for (int k = 0; k < entryIndexes.size(); k++) {
                localIds.put(entryIndexes.get(k), ids.get(k));
                if (patientIds != null) {
                    patientOfEntry.put(entryIndexes.get(k), patientIds.get(k));
                }
            }
        }
    }
}
