package org.custodian;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A problem a caller can act on, raised by any module's service and free of web types: the web
 * layer answers it as an RFC 9457 problem detail whose {@code type} is {@code /problems/{type}}
 * (clients match on that, as HAPI's clients match on {@code HAPI-0762}), a readable error page in
 * the UI, and an OperationOutcome under {@code /fhir}. The detail names what was wrong and never
 * carries PHI: it is shown to the caller and may reach a log.
 *
 * <p>The type is a stable slug in the HIM vocabulary ({@code patient-not-found},
 * {@code legal-hold-blocks-destruction}): changing one breaks clients. Modules raise these through
 * the factories below or a subclass of their own ({@code PatientNotFoundException}).
 */
public class Problem extends RuntimeException {

    /** Where problem types live, relative to the server (RFC 9457 §3.1.1). */
    public static final String TYPE_BASE = "/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public Problem(int status, String type, String title, String detail) {
        super(detail);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status is 4xx or 5xx, not " + status);
        }
        if (type == null || !type.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a problem's type is a lower-case slug, not " + type);
        }
        this.status = status;
        this.type = type;
        this.title = Objects.requireNonNull(title, "title");
    }

    /** 400: the request itself is wrong; the detail names the field and the rule. */
    public static Problem invalid(String type, String detail) {
        return new Problem(400, type, "Invalid request", detail);
    }

    /** 404: nothing with that identity (or nothing the caller may know of). */
    public static Problem notFound(String type, String title, String detail) {
        return new Problem(404, type, title, detail);
    }

    /** 409: valid, but the record's state forbids it now (a hold, a final abstract, a merge). */
    public static Problem conflict(String type, String title, String detail) {
        return new Problem(409, type, title, detail);
    }

    /** 422: understood and allowed, but a rule of law or of the hospital refuses it (an authorization's element). */
    public static Problem unprocessable(String type, String title, String detail) {
        return new Problem(422, type, title, detail);
    }

    /**
     * The slug of a title, for a module whose problems are named by their titles ("Under legal hold" →
     * {@code under-legal-hold}): a title is then as stable as the type, and must be changed as carefully.
     */
    public static String slugOf(String title) {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return slug.isEmpty() ? "problem" : slug;
    }

    /** An extension member of the problem detail (RFC 9457 §3.2), e.g. the list of failed edits. */
    public Problem with(String name, Object value) {
        properties.put(Objects.requireNonNull(name), value);
        return this;
    }

    public int status() {
        return status;
    }

    /** The stable slug, e.g. {@code patient-not-found}. */
    public String type() {
        return type;
    }

    /** The type as the URI reference the problem detail carries. */
    public String typeUri() {
        return TYPE_BASE + type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }
}
