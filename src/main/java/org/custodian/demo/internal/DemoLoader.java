package org.custodian.demo.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.function.Function;
import org.custodian.chart.ChartService;
import org.custodian.chart.NewDocument;
import org.custodian.chart.DocumentType;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.EncounterParticipant;
import org.custodian.chart.ParticipantRole;
import org.custodian.staff.ProviderDirectory;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.Sensitivity;
import org.custodian.chart.SensitivityTags;
import org.custodian.coding.CodingHistory;
import org.custodian.demo.DemoHospital;
import org.custodian.patient.PatientRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a {@link DemoHospital} through the patient and chart modules' bulk APIs, so that the demo
 * data is validated, numbered and audited exactly like an import. All or nothing: one
 * transaction, so a failed first start leaves an empty database and the next start tries again.
 */
@Component
class DemoLoader {

    /** Large enough to amortize each call's fixed cost, small enough to bound one call's memory. */
    static final int BATCH = 2_000;

    /** What was loaded, and how long each step took (ms), for the start-up log. */
    record Loaded(List<Long> patientIds, List<Long> encounterIds, List<Long> documentIds, long patientMillis,
                  long encounterMillis, long documentMillis, CodingHistory.Recorded coding) {
    }

    private final PatientRegistry patients;
    private final ChartService chart;
    private final TransactionTemplate tx;
    private final SensitivityTags sensitivity;
    private final CodingHistory coding;
    private final Clock clock;
    private final ProviderDirectory directory;

    private final org.custodian.chart.ClinicalResources clinical;
    private final ca.uhn.fhir.context.FhirContext fhir;
    private final org.custodian.chart.ChartFindings findings;

    DemoLoader(PatientRegistry patients, ChartService chart, TransactionTemplate tx, SensitivityTags sensitivity,
               CodingHistory coding, Clock clock, ProviderDirectory directory,
               org.custodian.chart.ClinicalResources clinical, ca.uhn.fhir.context.FhirContext fhir,
               org.custodian.chart.ChartFindings findings) {
        this.findings = findings;
        this.directory = directory;
        this.clinical = clinical;
        this.fhir = fhir;
        this.clock = clock;
        this.patients = patients;
        this.chart = chart;
        this.tx = tx;
        this.sensitivity = sensitivity;
        this.coding = coding;
    }

    /**
     * The sensitivity tag a demo document gets, so that release of information shows segmentation:
     * alcohol withdrawal care as Part 2 substance use disorder treatment, psychiatry as behavioural
     * health, obstetrics as reproductive health; null for the rest.
     */
    static Sensitivity sensitivityOf(String service, String text) {
        if (text != null && text.toLowerCase(Locale.ROOT).contains("alcohol withdrawal")) {
            return Sensitivity.SUBSTANCE_USE_DISORDER;
        }
        if ("Psychiatry".equals(service)) {
            return Sensitivity.BEHAVIORAL_HEALTH;
        }
        if ("Obstetrics".equals(service)) {
            return Sensitivity.REPRODUCTIVE_HEALTH;
        }
        return null;
    }

    Loaded load(DemoHospital hospital) {
        return tx.execute(status -> {
            long start = System.nanoTime();
            List<Long> patientIds = inBatches(hospital.registrations(), batch -> patients.registerAll(batch, org.custodian.patient.RegistrationSource.DESK));
            long registered = System.nanoTime();

            // The surgeons by reference (the provider directory), operating an hour before their operative report;
            // one recent operation's report is never finished: record completion's late operative report.
            Map<String, Long> practitioners = directory.resolveNames(hospital.physicians());
            int undictated = undictatedOperation(hospital);
            List<NewEncounter> encounters = new ArrayList<>(hospital.visits().size());
            for (DemoHospital.Visit v : hospital.visits()) {
                NewEncounter e = v.encounter();
                List<EncounterParticipant> participants = new ArrayList<>();
                for (NewDocument d : v.documents()) {
                    Long surgeon = practitioners.get(d.author());
                    if (d.type() == DocumentType.OPERATIVE_REPORT && surgeon != null) {
                        participants.add(new EncounterParticipant(ParticipantRole.OPERATING, surgeon, d.createdAt().minusSeconds(3600)));
                    }
                }
                encounters.add(new NewEncounter(patientIds.get(v.registration()), e.encounterNumber(), e.encounterClass(),
                        e.admitAt(), e.dischargeAt(), e.attendingProvider(), e.service(), e.dischargeDisposition(), participants));
            }
            List<Long> encounterIds = inBatches(encounters, chart::recordAll);
            long recorded = System.nanoTime();

            List<NewDocument> documents = new ArrayList<>(hospital.documentCount());
            for (int i = 0; i < hospital.visits().size(); i++) {
                DemoHospital.Visit v = hospital.visits().get(i);
                long patientId = patientIds.get(v.registration());
                for (NewDocument d : v.documents()) {
                    if (i == undictated && d.type() == DocumentType.OPERATIVE_REPORT) {
                        // Dictation begun, never finished: an operative report still missing, and late (482.51(b)(6)).
                        documents.add(new NewDocument(patientId, encounterIds.get(i), d.type(), d.title(), d.author(),
                                d.text(), DocumentStatus.DRAFT, d.createdAt(), null, null));
                        continue;
                    }
                    documents.add(new NewDocument(patientId, encounterIds.get(i), d.type(), d.title(), d.author(),
                            d.text(), d.status(), d.createdAt(), d.signedBy(), d.signedAt()));
                }
            }
            List<Long> documentIds = inBatches(documents, chart::fileAll);
            Map<Long, Sensitivity> tags = new LinkedHashMap<>();
            int k = 0;
            for (int i = 0; i < hospital.visits().size(); i++) {
                DemoHospital.Visit v = hospital.visits().get(i);
                for (NewDocument d : v.documents()) {
                    Sensitivity tag = sensitivityOf(v.encounter().service(), d.text());
                    if (tag != null) {
                        tags.put(documentIds.get(k), tag);
                    }
                    k++;
                }
            }
            sensitivity.tagDocuments(tags);
            // Lab results and vital signs, kept as FHIR Observations (the chart's results tab).
            var observations = DemoResults.observations(fhir, hospital, patientIds, encounterIds);
            for (int from = 0; from < observations.size(); from += BATCH) {
                clinical.storeAll(observations.subList(from, Math.min(observations.size(), from + BATCH)));
            }
            sensitive(hospital, patientIds, encounterIds);
            // In-house inpatients whose records put them on the CDI worklist for several rules.
            clinical.storeAll(DemoCdi.observations(hospital, patientIds, encounterIds));
            var cdiFindings = DemoCdi.findings(hospital, patientIds, encounterIds);
            if (!cdiFindings.isEmpty()) {
                findings.recordAll(cdiFindings);
            }
            // The department's coded past (coding history queues the discharged visits on the worklist first).
            CodingHistory.Recorded coded = DemoCoding.record(coding, hospital, encounterIds, DemoHospitalGenerator.ZONE,
                    clock.getZone());
            long filed = System.nanoTime();
            return new Loaded(patientIds, encounterIds, documentIds, (registered - start) / 1_000_000,
                    (recorded - registered) / 1_000_000, (filed - recorded) / 1_000_000, coded);
        });
    }

    /**
     * Segmentation to show (issue 15): a Part 2 diagnosis and medication and an HIV result, kept as FHIR
     * resources the sensitivity rules tag; a psychotherapy note of the demo clinician, tagged, with its kept
     * FHIR copy linked to it so that the copy is read under the note's tags and author.
     */
    private void sensitive(DemoHospital hospital, List<Long> patientIds, List<Long> encounterIds) {
        clinical.storeAll(DemoSensitive.resources(hospital, patientIds, encounterIds));
        NewDocument note = DemoSensitive.psychotherapyNote(hospital, patientIds, encounterIds);
        if (note != null) {
            long noteId = chart.fileAll(List.of(note)).get(0);
            sensitivity.tagDocument(noteId, Sensitivity.PSYCHOTHERAPY_NOTES);
            var copy = DemoSensitive.copyOf(note, noteId);
            clinical.storeAll(List.of(copy));
            clinical.linkDocuments(List.of(new org.custodian.chart.ClinicalResources.DocumentCopy(copy.type(), copy.fhirId(), noteId)));
        }
    }

    /**
     * The most recently discharged operation of the second physician on the roster (a demo user who
     * signs in), else of anyone: its operative report stays an unfinished draft. -1 when there is none.
     */
    static int undictatedOperation(DemoHospital hospital) {
        String wanted = hospital.physicians().size() > 1 ? hospital.physicians().get(1) : null;
        int best = -1;
        int any = -1;
        for (int i = 0; i < hospital.visits().size(); i++) {
            DemoHospital.Visit v = hospital.visits().get(i);
            if (v.encounter().dischargeAt() == null) {
                continue;
            }
            for (NewDocument d : v.documents()) {
                if (d.type() == DocumentType.OPERATIVE_REPORT) {
                    if (any < 0 || v.encounter().dischargeAt().isAfter(hospital.visits().get(any).encounter().dischargeAt())) {
                        any = i;
                    }
                    if (d.author().equals(wanted) && (best < 0
                            || v.encounter().dischargeAt().isAfter(hospital.visits().get(best).encounter().dischargeAt()))) {
                        best = i;
                    }
                }
            }
        }
        return best >= 0 ? best : any;
    }

    private static <T> List<Long> inBatches(List<T> items, Function<List<T>, List<Long>> bulk) {
        List<Long> ids = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += BATCH) {
            ids.addAll(bulk.apply(items.subList(from, Math.min(items.size(), from + BATCH))));
        }
        return ids;
    }
}
