package org.custodian.interop.internal.fhir;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.NewFinding;
import org.custodian.interop.internal.fhir.ImportReport.EntryResult;
import org.custodian.interop.internal.fhir.SourceMap.Key;
import org.custodian.interop.internal.fhir.SourceMap.Mapped;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientIdentifier;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.RegistrationScreen;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one FHIR Bundle all-or-nothing. First everything is checked without writing: the bundle
 * type, each kept resource's required content (validated as the patient and chart modules would),
 * and every reference to a kept type, resolved inside the bundle or to what an earlier import
 * stored. Only then is it written, in one transaction through the patient and chart modules' bulk
 * APIs, with the source's identity of each resource in {@code fhir_source_map}: a resource already
 * there is left as it is, so a second import of the same bundle changes nothing.
 *
 * <p>Kept: Patient, Encounter, Condition, Procedure, DocumentReference, DiagnosticReport with a
 * presentedForm, Practitioner, Organization. Every other resource type is reported as not kept.
 */
@Service
class BundleImporter {

    static final List<String> KEPT = List.of("Organization", "Practitioner", "Patient", "Encounter", "Condition",
            "Procedure", "DocumentReference", "DiagnosticReport");
    private static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";
    private static final String LOINC = "http://loinc.org";
    private static final Pattern TYPE_ID = Pattern.compile("(?:.*/)?([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/.*)?");
    private static final Pattern CONDITIONAL = Pattern.compile("([A-Z][A-Za-z]+)\\?identifier=(.*)");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern UUID_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String UNKNOWN_AUTHOR = "Unknown (source system)";

    /** An entry of this bundle (by index) or a row stored by an earlier import. */
    private record Ref(String type, Integer entry, Long local, Long patientId) {
    }

    private final SourceMap map;
    private final PatientRegistry patients;
    private final RegistrationScreen screen;
    private final ChartService charts;
    private final ChartFindings findings;
    private final TransactionTemplate tx;
    private final Validator validator;

    BundleImporter(SourceMap map, PatientRegistry patients, RegistrationScreen screen, ChartService charts,
                   ChartFindings findings, TransactionTemplate tx, Validator validator) {
        this.map = map;
        this.patients = patients;
        this.screen = screen;
        this.charts = charts;
        this.findings = findings;
        this.tx = tx;
        this.validator = validator;
    }

    /** The signed-in sender (an interface account, or the user who uploads); the CLI imports as "system". */
    private static String sender() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    ImportReport importBundle(Bundle bundle) {
        return new Run(bundle).execute();
    }

    /** The state of one import: the bundle's index, what was found stored, what will be written. */
    private final class Run {
        /**
         * Who sends the bundle. A resource id is only unique within its sender ("Patient/123" of
         * two EHRs are two people), so ids are remembered per sender; a UUID (Synthea, urn:uuid
         * fullUrls) is unique everywhere and is remembered as is. Matching another sender's
         * "Patient/123" would file one person's care in another's chart (an overlay).
         */
        final String sender = sender();
        final Bundle bundle;
        final List<BundleEntryComponent> entries;
        final String[] sourceIds;
        final Map<String, Integer> byFullUrl = new HashMap<>();
        final Map<String, Integer> byTypeId = new HashMap<>();
        final Map<String, Integer> byIdentifier = new HashMap<>();
        final Map<Integer, List<Key>> keysOf = new HashMap<>();
        Map<Key, Mapped> stored = Map.of();
        /** Names of the practitioners stored by earlier imports that this bundle refers to. */
        Map<Long, String> storedPractitioners = Map.of();
        /** Entries of kept types already stored: entry → its local row. */
        final Map<Integer, Mapped> existing = new HashMap<>();

        final List<Integer> orgEntries = new ArrayList<>();
        final List<String[]> orgRows = new ArrayList<>();
        final List<Integer> practEntries = new ArrayList<>();
        final List<String[]> practRows = new ArrayList<>();
        final List<Integer> patientEntries = new ArrayList<>();
        final List<NewPatient> newPatients = new ArrayList<>();
        final List<Integer> encounterEntries = new ArrayList<>();
        final List<NewEncounter> newEncounters = new ArrayList<>();
        final List<Ref> encounterPatients = new ArrayList<>();
        final List<Integer> documentEntries = new ArrayList<>();
        final List<NewDocument> newDocuments = new ArrayList<>();
        final List<Ref[]> documentRefs = new ArrayList<>();
        final List<Integer> findingEntries = new ArrayList<>();
        final List<NewFinding> newFindings = new ArrayList<>();
        final List<Ref[]> findingRefs = new ArrayList<>();
        /** A DiagnosticReport whose note is also sent as a DocumentReference: filed once, mapped to both. */
        final Map<Integer, Integer> sameDocument = new HashMap<>();
        final Map<Integer, Long> localIds = new HashMap<>();
        final Map<Integer, Long> patientOfEntry = new HashMap<>();

        Run(Bundle bundle) {
            this.bundle = bundle;
            this.entries = bundle.getEntry();
            this.sourceIds = new String[entries.size()];
        }

        ImportReport execute() {
            Bundle.BundleType type = bundle.getType();
            if (type != Bundle.BundleType.TRANSACTION && type != Bundle.BundleType.BATCH
                    && type != Bundle.BundleType.COLLECTION) {
                throw new BundleRejected(IssueType.NOTSUPPORTED, "Bundle.type", "Bundle.type: "
                        + (type == null ? "missing" : type.toCode()) + "; only transaction, batch and collection are imported");
            }
            index();
            try {
                lookupStored();
            } catch (DataAccessException e) {
                throw new BundleRejected(IssueType.PROCESSING, null, "the database refused a lookup of this bundle's ids ("
                        + e.getClass().getSimpleName() + "); nothing was stored");
            }
            for (int i = 0; i < entries.size(); i++) {
                if (sourceIds[i] != null && !existing.containsKey(i)) {
                    convert(i, entries.get(i).getResource());
                }
            }
            try {
                tx.executeWithoutResult(status -> write());
            } catch (DataAccessException e) {
                // A concurrent import of the same resources, or a clash the checks could not foresee.
                throw new BundleRejected(IssueType.CONFLICT, null, "the database refused the bundle ("
                        + e.getClass().getSimpleName() + "); nothing was stored");
            } catch (IllegalArgumentException e) {
                throw new BundleRejected(IssueType.BUSINESSRULE, null, FhirInput.sanitize(e.getMessage()) + "; nothing was stored");
            }
            return report(type.toCode());
        }

        /** Source ids, keys and the bundle's own lookup tables; duplicates and id-less kept entries are refused. */
        private void index() {
            Map<Key, Integer> seen = new HashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                BundleEntryComponent entry = entries.get(i);
                Resource resource = entry.getResource();
                if (resource == null) {
                    throw BundleRejected.entry(i, null, null, IssueType.REQUIRED, "entry without a resource");
                }
                String type = resource.fhirType();
                String id = resource.getIdElement().getIdPart();
                // HAPI gives a resource whose entry has a urn:uuid fullUrl that urn as its id.
                if (id != null && id.startsWith("urn:uuid:")) {
                    id = id.substring("urn:uuid:".length());
                }
                if (entry.hasFullUrl()) {
                    byFullUrl.put(entry.getFullUrl(), i);
                    if (id == null) {
                        String url = entry.getFullUrl();
                        id = url.startsWith("urn:uuid:") ? url.substring(9) : url.substring(url.lastIndexOf('/') + 1);
                    }
                }
                if (id != null) {
                    byTypeId.put(type + "/" + id, i);
                }
                for (Identifier identifier : identifiers(resource)) {
                    if (identifier.hasSystem() && identifier.hasValue()) {
                        byIdentifier.put(type + "?identifier=" + identifier.getSystem() + "|" + identifier.getValue(), i);
                    }
                }
                if (!KEPT.contains(type) || (resource instanceof DiagnosticReport dr && !dr.hasPresentedForm())) {
                    continue;
                }
                if (id == null || id.isBlank()) {
                    throw BundleRejected.entry(i, type, "id", IssueType.REQUIRED,
                            "the resource needs an id or a fullUrl: re-imports are recognised by it");
                }
                if (!FHIR_ID.matcher(id).matches()) {
                    throw BundleRejected.entry(i, type, "id", IssueType.INVALID, "not a FHIR id (1-64 letters, digits, '-' or '.')");
                }
                sourceIds[i] = id;
                List<Key> keys = new ArrayList<>();
                keys.add(idKey(type, id));
                if (resource instanceof Practitioner || resource instanceof Organization) {
                    for (Identifier identifier : identifiers(resource)) {
                        if (identifier.hasSystem() && identifier.hasValue()) {
                            keys.add(new Key(type, "identifier:" + identifier.getSystem() + "|" + identifier.getValue()));
                        }
                    }
                }
                for (Key key : keys) {
                    Integer earlier = seen.putIfAbsent(key, i);
                    if (earlier != null) {
                        throw BundleRejected.entry(i, type, key.sourceKey().startsWith("id:") ? "id" : "identifier",
                                IssueType.DUPLICATE, "the same " + type + " as entry " + earlier);
                    }
                }
                keysOf.put(i, keys);
            }
        }

        private static List<Identifier> identifiers(Resource resource) {
            if (resource instanceof Practitioner p) {
                return p.getIdentifier();
            }
            if (resource instanceof Organization o) {
                return o.getIdentifier();
            }
            if (resource instanceof Patient p) {
                return p.getIdentifier();
            }
            if (resource instanceof Encounter e) {
                return e.getIdentifier();
            }
            return List.of();
        }

        /** One query for the entries' own keys and for every reference that points outside the bundle. */
        private void lookupStored() {
            Set<Key> wanted = new LinkedHashSet<>();
            keysOf.values().forEach(wanted::addAll);
            for (int i = 0; i < entries.size(); i++) {
                if (sourceIds[i] == null) {
                    continue;
                }
                for (Reference ref : references(entries.get(i).getResource())) {
                    Key key = outsideKey(ref.getReference());
                    if (key != null) {
                        wanted.add(key);
                    }
                }
            }
            stored = map.lookup(wanted);
            storedPractitioners = map.practitionerNames(stored.entrySet().stream()
                    .filter(e -> e.getKey().resourceType().equals("Practitioner")).map(e -> e.getValue().localId())
                    .collect(java.util.stream.Collectors.toSet()));
            for (Map.Entry<Integer, List<Key>> e : keysOf.entrySet()) {
                for (Key key : e.getValue()) {
                    Mapped m = stored.get(key);
                    if (m != null) {
                        existing.put(e.getKey(), m);
                        break;
                    }
                }
            }
        }

        private Key idKey(String type, String id) {
            return new Key(type, UUID_ID.matcher(id).matches() ? "id:" + id : "id:" + sender + "|" + id);
        }

        /** The stored key a reference would have when it does not point into this bundle, else null. */
        private Key outsideKey(String reference) {
            if (reference == null || byFullUrl.containsKey(reference)) {
                return null;
            }
            Matcher conditional = CONDITIONAL.matcher(reference);
            if (conditional.matches()) {
                return byIdentifier.containsKey(reference) ? null
                        : new Key(conditional.group(1), "identifier:" + conditional.group(2));
            }
            Matcher typeId = TYPE_ID.matcher(reference);
            if (typeId.matches()) {
                String local = typeId.group(1) + "/" + typeId.group(2);
                return byTypeId.containsKey(local) ? null : idKey(typeId.group(1), typeId.group(2));
            }
            return null;
        }

        private List<Reference> references(Resource resource) {
            List<Reference> refs = new ArrayList<>();
            if (resource instanceof Encounter e) {
                refs.add(e.getSubject());
                e.getParticipant().forEach(p -> refs.add(p.getIndividual()));
                refs.add(e.getServiceProvider());
            } else if (resource instanceof Condition c) {
                refs.add(c.getSubject());
                refs.add(c.getEncounter());
            } else if (resource instanceof Procedure p) {
                refs.add(p.getSubject());
                refs.add(p.getEncounter());
            } else if (resource instanceof DocumentReference d) {
                refs.add(d.getSubject());
                refs.addAll(d.getContext().getEncounter());
                refs.addAll(d.getAuthor());
            } else if (resource instanceof DiagnosticReport d) {
                refs.add(d.getSubject());
                refs.add(d.getEncounter());
                refs.addAll(d.getPerformer());
            }
            return refs;
        }

        /**
         * Resolves a reference to a kept type inside the bundle or to a stored row. Null when the
         * reference is absent (display only) or points to a type Custodian does not keep (Location,
         * PractitionerRole, ...). A reference that should resolve and does not rejects the bundle.
         */
        private Ref resolve(int entry, String type, String path, Reference reference, String... expected) {
            if (reference == null || !reference.hasReference()) {
                return null;
            }
            String s = reference.getReference();
            Integer target = byFullUrl.get(s);
            String targetType;
            if (target == null) {
                Matcher conditional = CONDITIONAL.matcher(s);
                Matcher typeId = TYPE_ID.matcher(s);
                if (conditional.matches()) {
                    targetType = conditional.group(1);
                    target = byIdentifier.get(s);
                } else if (typeId.matches()) {
                    targetType = typeId.group(1);
                    target = byTypeId.get(targetType + "/" + typeId.group(2));
                } else {
                    throw BundleRejected.entry(entry, type, path, IssueType.NOTFOUND,
                            "unresolvable reference: not an entry of this bundle nor Type/id nor Type?identifier=");
                }
                if (!KEPT.contains(targetType)) {
                    return null;
                }
                if (target == null) {
                    Mapped m = stored.get(outsideKey(s));
                    if (m == null) {
                        throw BundleRejected.entry(entry, type, path, IssueType.NOTFOUND, "unresolvable reference to a "
                                + targetType + " that is neither in this bundle nor imported before");
                    }
                    requireType(entry, type, path, targetType, expected);
                    return new Ref(targetType, null, m.localId(), m.patientId());
                }
            }
            targetType = entries.get(target).getResource().fhirType();
            if (!KEPT.contains(targetType)) {
                return null;
            }
            requireType(entry, type, path, targetType, expected);
            Mapped m = existing.get(target);
            return m != null ? new Ref(targetType, null, m.localId(), m.patientId()) : new Ref(targetType, target, null, null);
        }

        private void requireType(int entry, String type, String path, String actual, String... expected) {
            for (String e : expected) {
                if (e.equals(actual)) {
                    return;
                }
            }
            throw BundleRejected.entry(entry, type, path, IssueType.INVALID,
                    "refers to a " + actual + "; expected " + String.join(" or ", expected));
        }

        private Ref required(int entry, String type, String path, Reference reference, String expected) {
            Ref ref = resolve(entry, type, path, reference, expected);
            if (ref == null) {
                throw BundleRejected.entry(entry, type, path, IssueType.REQUIRED, "a reference to the " + expected + " is required");
            }
            return ref;
        }

        private void convert(int i, Resource resource) {
            if (resource instanceof Organization o) {
                organization(i, o);
            } else if (resource instanceof Practitioner p) {
                practitioner(i, p);
            } else if (resource instanceof Patient p) {
                patient(i, p);
            } else if (resource instanceof Encounter e) {
                encounter(i, e);
            } else if (resource instanceof Condition c) {
                condition(i, c);
            } else if (resource instanceof Procedure p) {
                procedure(i, p);
            } else if (resource instanceof DocumentReference d) {
                documentReference(i, d);
            } else if (resource instanceof DiagnosticReport d) {
                diagnosticReport(i, d);
            }
        }

        private void organization(int i, Organization o) {
            if (!o.hasName() || o.getName().isBlank()) {
                throw BundleRejected.entry(i, "Organization", "name", IssueType.REQUIRED, "a name is required");
            }
            var address = o.getAddressFirstRep();
            orgEntries.add(i);
            orgRows.add(new String[] {o.getName(), address.getCity(), address.getState()});
        }

        private void practitioner(int i, Practitioner p) {
            String name = p.hasName() ? displayName(p.getNameFirstRep()) : null;
            if (name == null || name.isBlank()) {
                throw BundleRejected.entry(i, "Practitioner", "name", IssueType.REQUIRED, "a name is required");
            }
            String npi = p.getIdentifier().stream().filter(id -> "http://hl7.org/fhir/sid/us-npi".equals(id.getSystem()))
                    .map(Identifier::getValue).findFirst().orElse(null);
            practEntries.add(i);
            practRows.add(new String[] {npi, name});
        }

        private static String displayName(HumanName n) {
            if (n.hasText()) {
                return n.getText();
            }
            StringBuilder sb = new StringBuilder();
            n.getPrefix().forEach(x -> sb.append(x.getValue()).append(' '));
            n.getGiven().forEach(x -> sb.append(x.getValue()).append(' '));
            if (n.hasFamily()) {
                sb.append(n.getFamily());
            }
            return sb.toString().trim();
        }

        private void patient(int i, Patient p) {
            HumanName name = p.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                    .orElse(p.hasName() ? p.getNameFirstRep() : null);
            if (name == null || !name.hasFamily() || !name.hasGiven()) {
                throw BundleRejected.entry(i, "Patient", "name", IssueType.REQUIRED, "a family and a given name are required");
            }
            String given = name.getGiven().get(0).getValue();
            String middle = name.getGiven().size() > 1
                    ? String.join(" ", name.getGiven().subList(1, name.getGiven().size()).stream().map(x -> x.getValue()).toList())
                    : null;
            if (!p.hasBirthDate() || p.getBirthDateElement().getPrecision() != ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY) {
                throw BundleRejected.entry(i, "Patient", "birthDate", IssueType.REQUIRED, "a full birth date is required");
            }
            LocalDate birthDate = LocalDate.parse(p.getBirthDateElement().getValueAsString());
            AdministrativeSex sex = switch (p.hasGender() ? p.getGender().toCode() : "unknown") {
                case "male" -> AdministrativeSex.M;
                case "female" -> AdministrativeSex.F;
                case "other" -> AdministrativeSex.O;
                default -> AdministrativeSex.U;
            };
            String ssn = null;
            List<PatientIdentifier> ids = new ArrayList<>();
            for (Identifier identifier : p.getIdentifier()) {
                if (!identifier.hasSystem() || !identifier.hasValue()) {
                    continue;
                }
                if (SSN_SYSTEM.equals(identifier.getSystem()) && identifier.getValue().matches("[0-9]{3}-?[0-9]{2}-?[0-9]{4}")) {
                    ssn = identifier.getValue();
                    continue;
                }
                String kind = identifier.getType().getCodingFirstRep().getCode();
                ids.add(new PatientIdentifier(identifier.getSystem(), identifier.getValue(),
                        kind == null ? "SOURCE" : kind));
            }
            var a = p.getAddressFirstRep();
            String line = a.getLine().isEmpty() ? null : String.join(" ", a.getLine().stream().map(x -> x.getValue()).toList());
            String postal = a.getPostalCode() != null && a.getPostalCode().matches("[0-9]{5}(-[0-9]{4})?") ? a.getPostalCode() : null;
            Address address = p.hasAddress() ? new Address(line, a.getCity(), UsStates.code(a.getState()), postal) : null;
            String phone = p.getTelecom().stream().filter(t -> t.getSystem() != null && "phone".equals(t.getSystem().toCode()))
                    .map(t -> t.getValue()).filter(v -> v != null && v.matches("[0-9()+. -]{7,25}")).findFirst().orElse(null);
            NewPatient patient = new NewPatient(null, null, given, middle, name.getFamily(), birthDate, sex, ssn, address,
                    phone, ids);
            validate(i, "Patient", patient);
            patientEntries.add(i);
            newPatients.add(patient);
        }

        private void encounter(int i, Encounter e) {
            Ref patient = required(i, "Encounter", "subject", e.getSubject(), "Patient");
            if (!e.hasPeriod() || !e.getPeriod().hasStart()) {
                throw BundleRejected.entry(i, "Encounter", "period.start", IssueType.REQUIRED, "the start of the encounter is required");
            }
            Instant admit = e.getPeriod().getStart().toInstant();
            Instant discharge = e.getPeriod().hasEnd() ? e.getPeriod().getEnd().toInstant() : null;
            if (discharge != null && discharge.isBefore(admit)) {
                throw BundleRejected.entry(i, "Encounter", "period.end", IssueType.INVARIANT, "ends before it starts");
            }
            EncounterClass kind = switch (e.getClass_().getCode() == null ? "" : e.getClass_().getCode()) {
                case "IMP", "ACUTE", "NONAC", "OBSENC", "PRENC" -> EncounterClass.INPATIENT;
                case "EMER" -> EncounterClass.EMERGENCY;
                default -> EncounterClass.OUTPATIENT;
            };
            String attending = null;
            for (int p = 0; p < e.getParticipant().size(); p++) {
                var participant = e.getParticipant().get(p);
                Ref who = resolve(i, "Encounter", "participant[" + p + "].individual", participant.getIndividual(), "Practitioner");
                if (attending == null) {
                    attending = who == null ? participant.getIndividual().getDisplay() : practitionerName(who);
                }
            }
            resolve(i, "Encounter", "serviceProvider", e.getServiceProvider(), "Organization");
            String service = e.hasType() ? text(e.getTypeFirstRep()) : null;
            NewEncounter encounter = new NewEncounter(0, null, kind, admit, discharge, truncate(attending, 200),
                    truncate(service, 100), null);
            validate(i, "Encounter", encounter);
            encounterEntries.add(i);
            newEncounters.add(encounter);
            encounterPatients.add(patient);
        }

        private String practitionerName(Ref who) {
            if (who.entry() != null) {
                return displayName(((Practitioner) entries.get(who.entry()).getResource()).getNameFirstRep());
            }
            return storedPractitioners.get(who.local());
        }

        private void condition(int i, Condition c) {
            Ref patient = required(i, "Condition", "subject", c.getSubject(), "Patient");
            Ref encounter = resolve(i, "Condition", "encounter", c.getEncounter(), "Encounter");
            Coding coding = preferred(i, "Condition", c.getCode());
            Instant recorded = c.hasRecordedDate() ? c.getRecordedDate().toInstant()
                    : c.hasOnsetDateTimeType() ? c.getOnsetDateTimeType().getValue().toInstant() : null;
            finding(i, "Condition", new NewFinding(0, null, FindingKind.CONDITION, coding.getSystem(), coding.getCode(),
                    truncate(coding.hasDisplay() ? coding.getDisplay() : c.getCode().getText(), 1000), null, recorded),
                    patient, encounter);
        }

        private void procedure(int i, Procedure p) {
            Ref patient = required(i, "Procedure", "subject", p.getSubject(), "Patient");
            Ref encounter = resolve(i, "Procedure", "encounter", p.getEncounter(), "Encounter");
            Coding coding = preferred(i, "Procedure", p.getCode());
            Instant performed = p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValue().toInstant()
                    : p.hasPerformedPeriod() && p.getPerformedPeriod().hasStart() ? p.getPerformedPeriod().getStart().toInstant()
                    : null;
            finding(i, "Procedure", new NewFinding(0, null, FindingKind.PROCEDURE, coding.getSystem(), coding.getCode(),
                    truncate(coding.hasDisplay() ? coding.getDisplay() : p.getCode().getText(), 1000), performed, null),
                    patient, encounter);
        }

        /** ICD-10-CM first (what the coder reports), then SNOMED CT, then whatever coding has a system and code. */
        private static Coding preferred(int i, String type, CodeableConcept concept) {
            Coding best = null;
            for (Coding c : concept.getCoding()) {
                if (!c.hasSystem() || !c.hasCode()) {
                    continue;
                }
                if (CodedFinding.ICD_10_CM.equals(c.getSystem())) {
                    return c;
                }
                if (best == null || (CodedFinding.SNOMED_CT.equals(c.getSystem()) && !CodedFinding.SNOMED_CT.equals(best.getSystem()))) {
                    best = c;
                }
            }
            if (best == null) {
                throw BundleRejected.entry(i, type, "code", IssueType.REQUIRED, "a coding with a system and a code is required");
            }
            return best;
        }

        private void finding(int i, String type, NewFinding finding, Ref patient, Ref encounter) {
            validate(i, type, finding);
            findingEntries.add(i);
            newFindings.add(finding);
            findingRefs.add(new Ref[] {patient, encounter});
        }

        private void documentReference(int i, DocumentReference d) {
            Ref patient = required(i, "DocumentReference", "subject", d.getSubject(), "Patient");
            Ref encounter = null;
            for (int e = 0; e < d.getContext().getEncounter().size(); e++) {
                Ref r = resolve(i, "DocumentReference", "context.encounter[" + e + "]", d.getContext().getEncounter().get(e), "Encounter");
                encounter = encounter == null ? r : encounter;
            }
            String author = author(i, "DocumentReference", "author", d.getAuthor());
            if (!d.hasContent() || !d.getContentFirstRep().hasAttachment()) {
                throw BundleRejected.entry(i, "DocumentReference", "content", IssueType.REQUIRED, "an attachment is required");
            }
            String text = attachmentText(i, "DocumentReference", "content[0].attachment", d.getContentFirstRep().getAttachment());
            Instant created = d.hasDate() ? d.getDate().toInstant()
                    : d.getContext().hasPeriod() && d.getContext().getPeriod().hasStart() ? d.getContext().getPeriod().getStart().toInstant()
                    : null;
            if (created == null) {
                throw BundleRejected.entry(i, "DocumentReference", "date", IssueType.REQUIRED, "the date of the document is required");
            }
            boolean preliminary = d.hasDocStatus() && d.getDocStatus() == DocumentReference.ReferredDocumentStatus.PRELIMINARY;
            document(i, "DocumentReference", d.getType(), author, text, created, preliminary, patient, encounter);
            // Synthea sends each note twice: as a DiagnosticReport and as a DocumentReference naming it.
            for (Identifier identifier : d.getIdentifier()) {
                Integer report = identifier.hasValue() ? byFullUrl.get(identifier.getValue()) : null;
                if (report != null && entries.get(report).getResource() instanceof DiagnosticReport) {
                    sameDocument.put(report, i);
                }
            }
        }

        private void diagnosticReport(int i, DiagnosticReport d) {
            Ref patient = required(i, "DiagnosticReport", "subject", d.getSubject(), "Patient");
            Ref encounter = resolve(i, "DiagnosticReport", "encounter", d.getEncounter(), "Encounter");
            String author = author(i, "DiagnosticReport", "performer", d.getPerformer());
            String text = attachmentText(i, "DiagnosticReport", "presentedForm[0]", d.getPresentedFormFirstRep());
            Instant created = d.hasIssued() ? d.getIssued().toInstant()
                    : d.hasEffectiveDateTimeType() ? d.getEffectiveDateTimeType().getValue().toInstant() : null;
            if (created == null) {
                throw BundleRejected.entry(i, "DiagnosticReport", "issued", IssueType.REQUIRED, "issued or effective[x] is required");
            }
            boolean preliminary = d.getStatus() == DiagnosticReport.DiagnosticReportStatus.PRELIMINARY
                    || d.getStatus() == DiagnosticReport.DiagnosticReportStatus.PARTIAL;
            document(i, "DiagnosticReport", d.getCode(), author, text, created, preliminary, patient, encounter);
        }

        private String author(int i, String type, String path, List<Reference> authors) {
            String author = null;
            for (int a = 0; a < authors.size(); a++) {
                Ref who = resolve(i, type, path + "[" + a + "]", authors.get(a), "Practitioner", "Organization");
                if (author == null) {
                    if (who != null && who.type().equals("Practitioner")) {
                        author = practitionerName(who);
                    } else if (authors.get(a).hasDisplay()) {
                        author = authors.get(a).getDisplay();
                    }
                }
            }
            return author == null || author.isBlank() ? UNKNOWN_AUTHOR : truncate(author, 200);
        }

        private String attachmentText(int i, String type, String path, Attachment attachment) {
            String contentType = attachment.hasContentType() ? attachment.getContentType().toLowerCase() : "text/plain";
            if (!attachment.hasData()) {
                throw BundleRejected.entry(i, type, path + ".data", IssueType.REQUIRED,
                        "the attachment's data is required (a url alone is not fetched)");
            }
            byte[] data = attachment.getData();
            if (!contentType.startsWith("text/")) {
                return "[" + contentType + " attachment of " + data.length + " bytes; not shown as text]";
            }
            String text = new String(data, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw BundleRejected.entry(i, type, path + ".data", IssueType.REQUIRED, "the attachment is empty");
            }
            return text;
        }

        private void document(int i, String type, CodeableConcept code, String author, String text, Instant created,
                              boolean preliminary, Ref patient, Ref encounter) {
            DocumentType documentType = DocumentType.PROGRESS_NOTE;
            String title = null;
            for (Coding c : code.getCoding()) {
                if (LOINC.equals(c.getSystem())) {
                    for (DocumentType t : DocumentType.values()) {
                        if (t.loinc().equals(c.getCode())) {
                            documentType = t;
                            title = c.getDisplay();
                            break;
                        }
                    }
                    if (title != null) {
                        break;
                    }
                }
            }
            if (title == null) {
                title = text(code);
            }
            // A document the source sends as final is authenticated there; a preliminary one awaits signature.
            NewDocument document = new NewDocument(0, null, documentType, truncate(title, 200), author, text,
                    preliminary ? DocumentStatus.UNSIGNED : DocumentStatus.SIGNED, created,
                    preliminary ? null : author, preliminary ? null : created);
            validate(i, type, document);
            documentEntries.add(i);
            newDocuments.add(document);
            documentRefs.add(new Ref[] {patient, encounter});
        }

        private static String text(CodeableConcept concept) {
            if (concept.hasText()) {
                return concept.getText();
            }
            return concept.getCoding().stream().map(Coding::getDisplay).filter(x -> x != null).findFirst().orElse(null);
        }

        private <T> void validate(int i, String type, T value) {
            Set<ConstraintViolation<T>> violations = validator.validate(value);
            if (!violations.isEmpty()) {
                ConstraintViolation<T> v = violations.stream()
                        .min(java.util.Comparator.comparing(x -> x.getPropertyPath().toString())).orElseThrow();
                throw BundleRejected.entry(i, type, null, IssueType.INVALID,
                        "failed validation: " + v.getPropertyPath() + ": " + v.getMessage());
            }
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

        /** Inside one transaction: every bulk API below joins it, so a failure anywhere stores nothing. */
        private void write() {
            put(orgEntries, map.insertOrganizations(orgRows), null);
            put(practEntries, map.insertPractitioners(practRows), null);
            List<Long> patientIds = patients.registerAll(newPatients);
            put(patientEntries, patientIds, null);
            for (int k = 0; k < patientEntries.size(); k++) {
                patientOfEntry.put(patientEntries.get(k), patientIds.get(k));
            }
            // A registration without a registrar: the MPI screens each newly registered patient
            // after this transaction commits (queued in it, so a rejected bundle queues nothing),
            // as it does for the ADT feed; likely matches go to the duplicate worklist. A
            // re-import finds its patients by their source ids and registers, so queues, none.
            patientIds.forEach(screen::screenLater);
            List<NewEncounter> encounters = new ArrayList<>(newEncounters.size());
            List<Long> encounterPatientIds = new ArrayList<>();
            for (int k = 0; k < newEncounters.size(); k++) {
                NewEncounter e = newEncounters.get(k);
                long patientId = patientId(encounterPatients.get(k));
                encounterPatientIds.add(patientId);
                encounters.add(new NewEncounter(patientId, e.encounterNumber(), e.encounterClass(), e.admitAt(),
                        e.dischargeAt(), e.attendingProvider(), e.service(), e.dischargeDisposition()));
            }
            put(encounterEntries, charts.recordAll(encounters), encounterPatientIds);
            // A DiagnosticReport that duplicates a DocumentReference of this bundle is not filed again.
            List<Integer> docEntries = new ArrayList<>();
            List<NewDocument> documents = new ArrayList<>();
            List<Long> documentPatients = new ArrayList<>();
            for (int k = 0; k < newDocuments.size(); k++) {
                int entry = documentEntries.get(k);
                if (sameDocument.containsKey(entry)) {
                    continue;
                }
                NewDocument d = newDocuments.get(k);
                long patientId = patientId(documentRefs.get(k)[0]);
                requireSamePatient(entry, documentRefs.get(k)[1], patientId);
                docEntries.add(entry);
                documentPatients.add(patientId);
                documents.add(new NewDocument(patientId, localId(documentRefs.get(k)[1]), d.type(), d.title(), d.author(),
                        d.text(), d.status(), d.createdAt(), d.signedBy(), d.signedAt()));
            }
            put(docEntries, charts.fileAll(documents), documentPatients);
            for (Map.Entry<Integer, Integer> same : sameDocument.entrySet()) {
                if (localIds.containsKey(same.getValue())) {
                    localIds.put(same.getKey(), localIds.get(same.getValue()));
                    patientOfEntry.put(same.getKey(), patientOfEntry.get(same.getValue()));
                }
            }
            List<NewFinding> coded = new ArrayList<>(newFindings.size());
            List<Long> findingPatients = new ArrayList<>();
            for (int k = 0; k < newFindings.size(); k++) {
                NewFinding f = newFindings.get(k);
                long patientId = patientId(findingRefs.get(k)[0]);
                requireSamePatient(findingEntries.get(k), findingRefs.get(k)[1], patientId);
                findingPatients.add(patientId);
                coded.add(new NewFinding(patientId, localId(findingRefs.get(k)[1]), f.kind(), f.system(), f.code(),
                        f.display(), f.performedAt(), f.recordedAt()));
            }
            put(findingEntries, findings.recordAll(coded), findingPatients);

            List<SourceMap.Row> rows = new ArrayList<>();
            for (Map.Entry<Integer, List<Key>> e : keysOf.entrySet()) {
                int entry = e.getKey();
                Mapped known = existing.get(entry);
                long local = known != null ? known.localId() : localIds.get(entry);
                Long patient = known != null ? known.patientId() : patientOfEntry.get(entry);
                for (Key key : e.getValue()) {
                    if (!stored.containsKey(key)) {
                        rows.add(new SourceMap.Row(key.resourceType(), key.sourceKey(), local, patient));
                    }
                }
            }
            map.insert(rows);
        }

        /** An encounter of another patient than the resource's subject is a broken reference. */
        private void requireSamePatient(int entry, Ref encounter, long patientId) {
            if (encounter == null) {
                return;
            }
            long encounterPatient = encounter.entry() == null ? encounter.patientId() : patientOfEntry.get(encounter.entry());
            if (encounterPatient != patientId) {
                throw BundleRejected.entry(entry, entries.get(entry).getResource().fhirType(), "encounter",
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

        private ImportReport report(String type) {
            Map<String, Integer> created = ImportReport.counter();
            Map<String, Integer> unchanged = ImportReport.counter();
            Map<String, Integer> notKept = ImportReport.counter();
            List<EntryResult> results = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                String rt = entries.get(i).getResource().fhirType();
                if (sourceIds[i] == null) {
                    notKept.merge(rt, 1, Integer::sum);
                    results.add(new EntryResult("200 OK", null, rt + " is not kept by Custodian"));
                } else if (existing.containsKey(i)) {
                    unchanged.merge(rt, 1, Integer::sum);
                    results.add(new EntryResult("200 OK", rt + "/" + existing.get(i).localId(), "already imported; unchanged"));
                } else {
                    created.merge(rt, 1, Integer::sum);
                    Integer same = sameDocument.get(i);
                    results.add(new EntryResult("201 Created", rt + "/" + localIds.get(i),
                            same == null ? null : ImportReport.SAME_DOCUMENT + same));
                }
            }
            return new ImportReport(type, created, unchanged, notKept, results);
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
