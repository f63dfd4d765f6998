package org.custodian.interop.internal.fhir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.custodian.interop.internal.fhir.SourceMap.Key;
import org.custodian.interop.internal.fhir.SourceMap.Mapped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One bundle read for import: each kept entry's source id and the keys it is remembered by, the
 * bundle's own lookup tables (fullUrl, Type/id, Type?identifier=), and which of its entries and
 * outside references an earlier import stored. It resolves references against both; a reference
 * that should resolve and does not rejects the bundle. Nothing here writes.
 */
final class BundleIndex {

    static final List<String> KEPT = List.of("Organization", "Practitioner", "Patient", "Encounter", "Condition",
            "Procedure", "DocumentReference", "DiagnosticReport");
    private static final Pattern TYPE_ID = Pattern.compile("(?:.*/)?([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/.*)?");
    private static final Pattern CONDITIONAL = Pattern.compile("([A-Z][A-Za-z]+)\\?identifier=(.*)");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final Pattern UUID_ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** An entry of this bundle (by index) or a row stored by an earlier import. */
    record Ref(String type, Integer entry, Long local, Long patientId) {
    }

    /**
     * Who sends the bundle. A resource id is only unique within its sender ("Patient/123" of
     * two EHRs are two people), so ids are remembered per sender; a UUID (Synthea, urn:uuid
     * fullUrls) is unique everywhere and is remembered as is. Matching another sender's
     * "Patient/123" would file one person's care in another's chart (an overlay).
     */
    private final String sender;
    private final Bundle bundle;
    final List<BundleEntryComponent> entries;
    /** The source id of each kept entry; null for an entry of a type Custodian does not keep. */
    final String[] sourceIds;
    /** The id (or fullUrl's id) of every entry, kept type or not; null when it has neither. */
    final String[] rawIds;
    private final Map<String, Integer> byFullUrl = new HashMap<>();
    private final Map<String, Integer> byTypeId = new HashMap<>();
    private final Map<String, Integer> byIdentifier = new HashMap<>();
    /** The keys each kept entry is remembered by in {@code fhir_source_map}. */
    final Map<Integer, List<Key>> keysOf = new HashMap<>();
    Map<Key, Mapped> stored = Map.of();
    /** Names of the practitioners stored by earlier imports that this bundle refers to. */
    private Map<Long, String> storedPractitioners = Map.of();
    /** Entries of kept types already stored: entry → its local row. */
    final Map<Integer, Mapped> existing = new HashMap<>();

    /** Source ids, keys and the bundle's own lookup tables; duplicates and id-less kept entries are refused. */
    BundleIndex(Bundle bundle, String sender) {
        this.bundle = bundle;
        this.sender = sender;
        this.entries = bundle.getEntry();
        this.sourceIds = new String[entries.size()];
        this.rawIds = new String[entries.size()];
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
                rawIds[i] = id;
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

    Bundle bundle() {
        return bundle;
    }

    String sender() {
        return sender;
    }

    /** The entry a reference names inside this bundle (fullUrl, Type/id or Type?identifier=), or null. */
    Integer entryOf(String reference) {
        Integer target = byFullUrl.get(reference);
        if (target != null) {
            return target;
        }
        if (CONDITIONAL.matcher(reference).matches()) {
            return byIdentifier.get(reference);
        }
        Matcher typeId = TYPE_ID.matcher(reference);
        return typeId.matches() ? byTypeId.get(typeId.group(1) + "/" + typeId.group(2)) : null;
    }

    /** The key a Type/id reference outside this bundle was stored under by an earlier import. */
    Key storedKey(String type, String id) {
        return idKey(type, id);
    }

    static boolean isUuid(String id) {
        return UUID_ID.matcher(id).matches();
    }

    Resource resource(int entry) {
        return entries.get(entry).getResource();
    }

    /** A kept entry that no earlier import stored: it is mapped and written. */
    boolean isNew(int entry) {
        return sourceIds[entry] != null && !existing.containsKey(entry);
    }

    /** The entry whose fullUrl this is, or null. */
    Integer entryOfFullUrl(String fullUrl) {
        return byFullUrl.get(fullUrl);
    }

    /** One query for the entries' own keys and for every reference that points outside the bundle. */
    void lookupStored(SourceMap map) {
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
                .collect(Collectors.toSet()));
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

    private static List<Reference> references(Resource resource) {
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
    Ref resolve(int entry, String type, String path, Reference reference, String... expected) {
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

    private static void requireType(int entry, String type, String path, String actual, String... expected) {
        for (String e : expected) {
            if (e.equals(actual)) {
                return;
            }
        }
        throw BundleRejected.entry(entry, type, path, IssueType.INVALID,
                "refers to a " + actual + "; expected " + String.join(" or ", expected));
    }

    /** As {@link #resolve}, but the reference must be there. */
    Ref required(int entry, String type, String path, Reference reference, String expected) {
        Ref ref = resolve(entry, type, path, reference, expected);
        if (ref == null) {
            throw BundleRejected.entry(entry, type, path, IssueType.REQUIRED, "a reference to the " + expected + " is required");
        }
        return ref;
    }

    /** The NPI of a practitioner of this bundle (identifier system us-npi), else null. */
    String practitionerNpi(Ref who) {
        return who.entry() == null ? null : FhirDirectoryMapper.npi((Practitioner) entries.get(who.entry()).getResource());
    }

    /** The name of a practitioner of this bundle or of an earlier import. */
    String practitionerName(Ref who) {
        if (who.entry() != null) {
            return FhirText.displayName(((Practitioner) entries.get(who.entry()).getResource()).getNameFirstRep());
        }
        return storedPractitioners.get(who.local());
    }
}
