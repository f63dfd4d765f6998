package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The search parameters of every resource type, taken from HAPI FHIR's own R4 definitions (the
 * specification's SearchParameter resources, which US Core's parameters reuse), and the terms a
 * resource is found by under each. Supported: the token, reference, string and date parameters
 * whose FHIRPath is a plain path (with {@code as}, {@code ofType} and {@code where(resolve() is X)},
 * which covers every US Core parameter); one date parameter per type is indexed for ranges (US
 * Core's: "authoredon", else "date", "onset-date", "recorded-date", "birthdate", ...).
 */
@org.springframework.stereotype.Component
final class SearchIndexer {

    enum Kind { TOKEN, REFERENCE, STRING, DATE }

    /** One supported parameter: its kind, the element paths it reads and, for a reference, the one target type it names. */
    record Param(String name, Kind kind, List<String> paths, String targetType) {
    }

    /** What a resource is found by. */
    record Extracted(String status, Instant dateStart, Instant dateEnd, List<String> terms) {
    }

    private static final List<String> DATE_PARAMS = List.of("authoredon", "date", "onset-date", "recorded-date", "birthdate",
            "period", "occurrence", "created");

    private final FhirContext fhir;
    private final Map<String, Map<String, Param>> byType = new ConcurrentHashMap<>();
    private final Map<String, String[]> segments = new ConcurrentHashMap<>();

    SearchIndexer(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** The supported search parameters of a type, by name (the CapabilityStatement lists the same). */
    Map<String, Param> params(String type) {
        return byType.computeIfAbsent(type, this::load);
    }

    /** The date parameter of a type indexed for ranges, or null. */
    String dateParam(String type) {
        Map<String, Param> params = params(type);
        for (String d : DATE_PARAMS) {
            Param p = params.get(d);
            if (p != null && p.kind() == Kind.DATE) {
                return d;
            }
        }
        return null;
    }

    boolean isType(String type) {
        try {
            fhir.getResourceDefinition(type);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Map<String, Param> load(String type) {
        RuntimeResourceDefinition def = fhir.getResourceDefinition(type);
        Map<String, Param> params = new TreeMap<>();
        for (RuntimeSearchParam sp : def.getSearchParams()) {
            Kind kind = switch (sp.getParamType()) {
                case TOKEN -> Kind.TOKEN;
                case REFERENCE -> Kind.REFERENCE;
                case STRING -> Kind.STRING;
                case DATE -> Kind.DATE;
                default -> null;
            };
            if (kind == null || sp.getName().startsWith("_") || sp.getParamType() == RestSearchParameterTypeEnum.COMPOSITE) {
                continue;
            }
            List<String> paths = new ArrayList<>();
            String target = null;
            boolean plain = true;
            for (String raw : sp.getPathsSplitForResourceType(type)) {
                String p = raw.trim();
                while (p.startsWith("(") && p.endsWith(")")) {
                    p = p.substring(1, p.length() - 1).trim();
                }
                int where = p.indexOf(".where(resolve() is ");
                if (where > 0) {
                    int from = where + ".where(resolve() is ".length();
                    int to = p.indexOf(')', from);
                    if (to < 0) {
                        plain = false;
                        break;
                    }
                    target = p.substring(from, to).trim();
                    p = p.substring(0, where);
                }
                int as = p.indexOf(" as ");
                if (as > 0) {
                    p = p.substring(0, as).trim();
                }
                for (String cut : List.of(".as(", ".ofType(")) {
                    int c = p.indexOf(cut);
                    if (c > 0 && p.endsWith(")") && p.indexOf('(', c + cut.length()) < 0) {
                        p = p.substring(0, c);
                    }
                }
                String resolved = p.startsWith(type + ".") && !p.contains("(") && !p.contains(" ") ? resolve(def, p) : null;
                if (resolved == null) {
                    plain = false;
                    break;
                }
                paths.add(resolved);
            }
            if (plain && !paths.isEmpty()) {
                params.put(sp.getName(), new Param(sp.getName(), kind, List.copyOf(paths), target));
            }
        }
        return Collections.unmodifiableMap(params);
    }

    /**
     * The path as HAPI's terser walks it (a choice element named {@code value[x]}), checked
     * against the type's definitions; null when it names no element or crosses a choice.
     */
    private static String resolve(RuntimeResourceDefinition def, String path) {
        String[] segments = path.split("\\.");
        BaseRuntimeElementCompositeDefinition<?> current = def;
        StringBuilder out = new StringBuilder(segments[0]);
        for (int i = 1; i < segments.length; i++) {
            String name = segments[i];
            BaseRuntimeChildDefinition child = current.getChildByName(name);
            if (child == null) {
                name = segments[i] + "[x]";
                child = current.getChildByName(name);
            }
            if (child == null) {
                return null;
            }
            out.append('.').append(name);
            if (i < segments.length - 1) {
                if (name.endsWith("[x]") || !(child.getChildByName(name) instanceof BaseRuntimeElementCompositeDefinition<?> c)) {
                    return null;
                }
                current = c;
            }
        }
        return out.toString();
    }

    /** The terms and columns of one resource. */
    Extracted extract(Resource resource) {
        return extract(resource, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #extract(Resource)}, each reference first mapped by {@code references} (null: as it is). */
    Extracted extract(Resource resource, java.util.function.UnaryOperator<String> references) {
        String type = resource.fhirType();
        Map<String, Param> params = params(type);
        String dateParam = dateParam(type);
        Set<String> terms = new LinkedHashSet<>();
        String status = null;
        Instant[] date = null;
        for (Param p : params.values()) {
            for (String path : p.paths()) {
                List<IBase> values = values(resource, path);
                for (IBase v : values) {
                    switch (p.kind()) {
                        case TOKEN -> {
                            String first = tokens(p.name(), v, terms);
                            if (status == null && first != null && p.name().equals("status")) {
                                status = first;
                            }
                        }
                        case REFERENCE -> {
                            if (v instanceof Reference ref && ref.hasReference()) {
                                String to = references.apply(ref.getReference());
                                String r = normalize(to == null ? ref.getReference() : to);
                                if (p.targetType() == null || r.startsWith(p.targetType() + "/")) {
                                    terms.add(p.name() + "=" + r);
                                }
                            }
                        }
                        case STRING -> strings(p.name(), v, terms);
                        case DATE -> {
                            if (p.name().equals(dateParam) && date == null) {
                                date = range(v);
                            }
                        }
                    }
                }
            }
        }
        return new Extracted(status, date == null ? null : date[0], date == null ? null : date[1], List.copyOf(terms));
    }

    /**
     * The values at a path, as HAPI's terser finds them ({@code FhirTerser#getValues}: each segment
     * a child by name, a choice {@code value[x]} any of its types), with the path split once per
     * path rather than on every call (the terser's parse of the path string was a tenth of the
     * import's search-term work).
     */
    private List<IBase> values(Resource resource, String path) {
        String[] names = segments.computeIfAbsent(path, p -> p.substring(p.indexOf('.') + 1).split("\\."));
        List<IBase> current = List.of(resource);
        for (String name : names) {
            List<IBase> next = new ArrayList<>(2);
            for (IBase element : current) {
                BaseRuntimeElementCompositeDefinition<?> def = (BaseRuntimeElementCompositeDefinition<?>) fhir.getElementDefinition(element.getClass());
                for (IBase v : def.getChildByNameOrThrowDataFormatException(name).getAccessor().getValues(element)) {
                    if (v != null) {
                        next.add(v);
                    }
                }
            }
            if (next.isEmpty()) {
                return List.of();
            }
            current = next;
        }
        return current;
    }

    /** "Type/id" of a reference: a base URL and a version are dropped. */
    static String normalize(String reference) {
        String r = reference;
        int history = r.indexOf("/_history/");
        if (history > 0) {
            r = r.substring(0, history);
        }
        int slash = r.lastIndexOf('/');
        if (slash > 0) {
            int before = r.lastIndexOf('/', slash - 1);
            if (before >= 0) {
                r = r.substring(before + 1);
            }
        }
        return r;
    }

    /** Adds the token terms of one value; returns its first code. */
    private static String tokens(String name, IBase v, Set<String> terms) {
        if (v instanceof CodeableConcept cc) {
            String first = null;
            for (Coding c : cc.getCoding()) {
                String code = token(name, c.getSystem(), c.getCode(), terms);
                first = first == null ? code : first;
            }
            return first;
        }
        if (v instanceof Coding c) {
            return token(name, c.getSystem(), c.getCode(), terms);
        }
        if (v instanceof Identifier i) {
            return token(name, i.getSystem(), i.getValue(), terms);
        }
        if (v instanceof ContactPoint cp) {
            return token(name, cp.hasSystem() ? cp.getSystem().toCode() : null, cp.getValue(), terms);
        }
        if (v instanceof Enumeration<?> e) {
            return token(name, e.getSystem(), e.getValueAsString(), terms);
        }
        if (v instanceof BooleanType b) {
            return token(name, null, b.getValueAsString(), terms);
        }
        if (v instanceof PrimitiveType<?> p) {
            return token(name, null, p.getValueAsString(), terms);
        }
        return null;
    }

    private static String token(String name, String system, String code, Set<String> terms) {
        if (code == null || code.isEmpty()) {
            return null;
        }
        terms.add(name + "=" + code);
        if (system != null && !system.isEmpty()) {
            terms.add(name + "=" + system + "|" + code);
            terms.add(name + "=" + system + "|");
        } else {
            terms.add(name + "=|" + code);
        }
        return code;
    }

    private static void strings(String name, IBase v, Set<String> terms) {
        if (v instanceof HumanName n) {
            add(name, n.getFamily(), terms);
            n.getGiven().forEach(g -> add(name, g.getValue(), terms));
            add(name, n.getText(), terms);
            n.getPrefix().forEach(g -> add(name, g.getValue(), terms));
            n.getSuffix().forEach(g -> add(name, g.getValue(), terms));
        } else if (v instanceof Address a) {
            a.getLine().forEach(l -> add(name, l.getValue(), terms));
            add(name, a.getCity(), terms);
            add(name, a.getState(), terms);
            add(name, a.getPostalCode(), terms);
            add(name, a.getCountry(), terms);
            add(name, a.getText(), terms);
        } else if (v instanceof StringType s) {
            add(name, s.getValue(), terms);
        } else if (v instanceof PrimitiveType<?> p) {
            add(name, p.getValueAsString(), terms);
        }
    }

    private static void add(String name, String value, Set<String> terms) {
        if (value != null && !value.isBlank()) {
            terms.add(name + ":" + value.trim().toLowerCase(Locale.ROOT));
        }
    }

    /** [start, end) of a date, date-time or period at its precision; null ends stay open. */
    private static Instant[] range(IBase v) {
        if (v instanceof Period p) {
            Instant start = p.hasStart() ? p.getStartElement().getValue().toInstant() : null;
            Instant end = p.hasEnd() ? upper(p.getEndElement()) : null;
            return start == null && end == null ? null : new Instant[] {start, end};
        }
        if (v instanceof BaseDateTimeType d && d.getValue() != null) {
            return new Instant[] {d.getValue().toInstant(), upper(d)};
        }
        return null;
    }

    private static Instant upper(BaseDateTimeType d) {
        var cal = d.getValueAsCalendar();
        cal.add(d.getPrecision().getCalendarConstant(), 1);
        return cal.toInstant();
    }
}
