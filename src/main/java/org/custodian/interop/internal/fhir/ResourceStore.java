package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.FhirTerser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.ClinicalResources.Local;
import org.custodian.chart.ClinicalResources.NewResource;
import org.custodian.chart.ClinicalResources.Outcome;
import org.custodian.interop.internal.fhir.SourceMap.Key;
import org.custodian.interop.internal.fhir.SourceMap.Mapped;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Keeps every entry of an imported bundle, of every type, as received in the chart module's
 * clinical resources (45 CFR 164.501: the designated record set; nothing is dropped). Each keeps
 * its id when it is a UUID (Synthea's are), else gets a name-based UUID of sender, type and id so
 * that two senders' "Observation/1" stay two. References to entries of the same bundle
 * ({@code urn:uuid:} fullUrls, {@code Type/id}, {@code Type?identifier=}) become {@code Type/id} of
 * the kept resource, as a FHIR server's transaction does. The patient and encounter come from the
 * subject/patient and encounter/context references; a resource with none in a bundle of one
 * patient (Synthea's Provenance, Medication) belongs to that patient; directory resources
 * (Organization, Practitioner, PractitionerRole, Location) to none.
 */
@Component
class ResourceStore {

    private static final Set<String> DIRECTORY = Set.of("Organization", "Practitioner", "PractitionerRole", "Location",
            "HealthcareService", "Endpoint", "Medication", "Substance");
    private static final Pattern TYPE_ID = Pattern.compile("([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})");

    private final FhirContext fhir;
    private final SearchIndexer indexer;
    private final ClinicalResources resources;
    private final SourceMap map;

    private final org.custodian.mpi.MasterPatientIndex mpi;

    ResourceStore(FhirContext fhir, SearchIndexer indexer, ClinicalResources resources, SourceMap map,
                  org.custodian.mpi.MasterPatientIndex mpi) {
        this.mpi = mpi;
        this.fhir = fhir;
        this.indexer = indexer;
        this.resources = resources;
        this.map = map;
    }

    /** The id a resource of {@code sender} is kept under. */
    static String fhirId(String sender, String type, String id) {
        return BundleIndex.isUuid(id) ? id
                : UUID.nameUUIDFromBytes((sender + "|" + type + "|" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Stores every entry; {@code localIds} are the rows the legacy writer made for new entries of
     * the chart's own kinds. Runs in the import's transaction. Outcomes by entry.
     */
    Stored store(BundleIndex index, Map<Integer, Long> localIds) {
        int n = index.entries.size();
        String sender = index.sender();
        IParser json = fhir.newJsonParser();
        FhirTerser terser = fhir.newTerser();
        String[] fhirIds = new String[n];
        String[] sourceKeys = new String[n];
        for (int i = 0; i < n; i++) {
            Resource r = index.resource(i);
            String raw = index.rawIds[i];
            if (raw == null) {
                String content = json.encodeResourceToString(r);
                fhirIds[i] = UUID.nameUUIDFromBytes((sender + "|" + r.fhirType() + "|" + content).getBytes(StandardCharsets.UTF_8)).toString();
                sourceKeys[i] = "content:" + fhirIds[i];
            } else {
                fhirIds[i] = fhirId(sender, r.fhirType(), raw);
                sourceKeys[i] = BundleIndex.isUuid(raw) ? "id:" + fhirIds[i] : "id:" + sender + "|" + raw;
            }
        }
        // References to entries of this bundle become Type/id of the kept resource.
        Map<String, Integer> patientEntries = new HashMap<>();
        Map<String, Integer> encounterEntries = new HashMap<>();
        Map<Integer, Long> registered = new HashMap<>();
        Map<String, String> rewritten = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Resource r = index.resource(i);
            r.setId(fhirIds[i]);
            if (r.fhirType().equals("Patient")) {
                patientEntries.put(fhirIds[i], i);
            } else if (r.fhirType().equals("Encounter")) {
                encounterEntries.put(fhirIds[i], i);
            }
        }
        UnaryOperator<String>[] refs = new UnaryOperator[n];
        ObjectNode[] raw = new ObjectNode[n];
        for (int i = 0; i < n; i++) {
            int entry = i;
            Resource r = index.resource(i);
            refs[i] = s -> rewrite(index, fhirIds, entry, r.fhirType(), s, rewritten, registered);
            raw[i] = RawJson.entry(index.bundle(), i);
            if (raw[i] != null) {
                RawJson.rewrite(raw[i], fhirIds[i], refs[i]);
            } else {
                // Not read from JSON (XML, or a Bundle built in code): the references change in HAPI's structures.
                for (Reference ref : terser.getAllPopulatedChildElementsOfType(r, Reference.class)) {
                    if (ref.hasReference()) {
                        String to = refs[i].apply(ref.getReference());
                        if (to != null) {
                            ref.setReference(to);
                        }
                    }
                }
            }
        }
        SearchIndexer.Extracted[] extracted = new SearchIndexer.Extracted[n];
        String[] patientRefs = new String[n];
        String[] encounterRefs = new String[n];
        Set<String> outsidePatients = new HashSet<>();
        Set<String> outsideEncounters = new HashSet<>();
        for (int i = 0; i < n; i++) {
            extracted[i] = indexer.extract(index.resource(i), raw[i] == null ? UnaryOperator.identity() : refs[i]);
            patientRefs[i] = registered.containsKey(i) ? null
                    : first(extracted[i].terms(), "patient=Patient/", "subject=Patient/", "beneficiary=Patient/");
            encounterRefs[i] = first(extracted[i].terms(), "encounter=Encounter/", "context=Encounter/");
            if (patientRefs[i] != null && !patientEntries.containsKey(patientRefs[i])) {
                outsidePatients.add(patientRefs[i]);
            }
            if (encounterRefs[i] != null && !encounterEntries.containsKey(encounterRefs[i])) {
                outsideEncounters.add(encounterRefs[i]);
            }
        }
        Map<String, Long> patients = outside("Patient", outsidePatients, true);
        Map<String, Long> encounters = outside("Encounter", outsideEncounters, false);
        Long onlyPatient = null;
        if (patientEntries.size() == 1) {
            onlyPatient = local(index, localIds, patientEntries.values().iterator().next());
        }
        List<NewResource> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Resource r = index.resource(i);
            String type = r.fhirType();
            Long patientId;
            Long encounterId = null;
            if (type.equals("Patient")) {
                patientId = local(index, localIds, i);
            } else if (registered.containsKey(i)) {
                patientId = registered.get(i);
            } else if (patientRefs[i] != null) {
                Integer e = patientEntries.get(patientRefs[i]);
                patientId = e != null ? local(index, localIds, e) : patients.get(patientRefs[i]);
                if (patientId == null) {
                    throw BundleRejected.entry(i, type, "patient", IssueType.NOTFOUND,
                            "unresolvable reference to a Patient that is neither in this bundle nor imported before");
                }
            } else {
                patientId = DIRECTORY.contains(type) ? null : onlyPatient;
            }
            if (type.equals("Encounter")) {
                encounterId = local(index, localIds, i);
            } else if (encounterRefs[i] != null) {
                Integer e = encounterEntries.get(encounterRefs[i]);
                encounterId = e != null ? local(index, localIds, e) : encounters.get(encounterRefs[i]);
            }
            SearchIndexer.Extracted x = extracted[i];
            // The JSON as received (its id and references rewritten), else HAPI's encoding of the structures.
            String kept = raw[i] != null ? RawJson.write(raw[i]) : json.encodeResourceToString(r);
            rows.add(new NewResource(type, fhirIds[i], sender, sourceKeys[i], patientId, encounterId, x.status(),
                    x.dateStart(), x.dateEnd(), x.terms(), kept));
        }
        return new Stored(resources.storeAll(rows), fhirIds);
    }

    /**
     * What a reference of entry {@code i} becomes (null: unchanged): an entry of this bundle its
     * kept Type/id, another sender's Type/id the id it is kept under, a reference by MRN the
     * registered patient (remembered in {@code registered}). Memoised per bundle.
     */
    private String rewrite(BundleIndex index, String[] fhirIds, int i, String type, String s, Map<String, String> rewritten,
                           Map<Integer, Long> registered) {
        if (s.startsWith(CONDITIONAL_MRN)) {
            // A patient the registry holds, named by its MRN (the HL7 v2 results feed's subject):
            // the patient who holds that MRN now, a merged registration's survivor included.
            String patient = rewritten.computeIfAbsent(s, k -> "Patient/" + byMrn(i, type, k.substring(CONDITIONAL_MRN.length())));
            registered.put(i, Long.parseLong(patient.substring("Patient/".length())));
            return patient;
        }
        String known = rewritten.get(s);
        if (known != null) {
            return known.isEmpty() ? null : known;
        }
        String to = null;
        Integer target = index.entryOf(s);
        if (target != null) {
            to = index.resource(target).fhirType() + "/" + fhirIds[target];
        } else {
            Matcher m = TYPE_ID.matcher(s);
            if (m.matches()) {
                to = m.group(1) + "/" + fhirId(index.sender(), m.group(1), m.group(2));
            }
        }
        rewritten.put(s, to == null ? "" : to);
        return to;
    }

    /** The conditional reference by Custodian's MRN identifier system: {@code Patient?identifier=urn:custodian:mrn:FAC|MRN}. */
    static final String CONDITIONAL_MRN = "Patient?identifier=" + FhirResources.MRN_SYSTEM;

    private long byMrn(int entry, String type, String facilityAndMrn) {
        int bar = facilityAndMrn.indexOf('|');
        if (bar <= 0 || bar == facilityAndMrn.length() - 1) {
            throw BundleRejected.entry(entry, type, "subject", IssueType.INVALID,
                    "a reference by MRN must read Patient?identifier=" + FhirResources.MRN_SYSTEM + "FACILITY|MRN");
        }
        return mpi.resolveMrn(facilityAndMrn.substring(0, bar), facilityAndMrn.substring(bar + 1))
                .orElseThrow(() -> BundleRejected.entry(entry, type, "subject", IssueType.NOTFOUND,
                        "no registered patient holds this MRN at this facility"));
    }

    /** Per entry what storing did and the id it is kept under. */
    record Stored(List<Outcome> outcomes, String[] fhirIds) {
    }

    private static String first(List<String> terms, String... prefixes) {
        for (String prefix : prefixes) {
            for (String t : terms) {
                if (t.startsWith(prefix)) {
                    return t.substring(prefix.length());
                }
            }
        }
        return null;
    }

    /** The local row of a Patient or Encounter entry: written now or by an earlier import. */
    private static Long local(BundleIndex index, Map<Integer, Long> localIds, int entry) {
        Long id = localIds.get(entry);
        if (id != null) {
            return id;
        }
        Mapped m = index.existing.get(entry);
        return m == null ? null : m.localId();
    }

    /** Patients (or encounters) outside this bundle: kept resources first, then the legacy source map. */
    private Map<String, Long> outside(String type, Set<String> fhirIds, boolean patient) {
        Map<String, Long> found = new HashMap<>();
        if (fhirIds.isEmpty()) {
            return found;
        }
        for (Map.Entry<String, Local> e : resources.locals(type, fhirIds).entrySet()) {
            Long id = patient ? e.getValue().patientId() : e.getValue().encounterId();
            if (id != null) {
                found.put(e.getKey(), id);
            }
        }
        List<Key> missing = fhirIds.stream().filter(id -> !found.containsKey(id)).map(id -> new Key(type, "id:" + id)).toList();
        if (!missing.isEmpty()) {
            map.lookup(missing).forEach((key, m) -> found.put(key.sourceKey().substring(3), m.localId()));
        }
        return found;
    }
}
