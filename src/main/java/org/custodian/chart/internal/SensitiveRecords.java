package org.custodian.chart.internal;

import org.custodian.privacy.Permission;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Minimum necessary for the most protected records (45 CFR 164.502(b), 164.514(d); issue 22):
 * <ul>
 *   <li>documents of a 42 CFR Part 2 substance-use-disorder program (tagged so, or filed under an encounter
 *   tagged so; 42 CFR 2.13, 2.31) are left out of a chart and refused one by one to a reader with
 *   {@code chart:read} but without {@code chart:read-sensitive} (coders, CDI, HIM analysts, data
 *   integrity analysts);</li>
 *   <li>psychotherapy notes (45 CFR 164.501: kept separate from the rest of the record) are used only by
 *   their originator (45 CFR 164.508(a)(2)(i)(A)): every other reader is refused, even with
 *   {@code chart:read-sensitive}. They leave only as a disclosure under an authorization that names them
 *   ({@link #PSYCHOTHERAPY}; the disclosure module's segmentation decides).</li>
 * </ul>
 * The kept FHIR copy of a document (issue 15: {@code clinical_resource.document_id}) is read under the same rules,
 * with the document's tags and author as they are at the time of the read ({@link #visibleResource}).
 * Every signed-in caller is a reader here ({@link #reader}) but the interface engine, which files and revises
 * documents and reads nothing back; a bulk export and a release of information get the records to segment
 * through their own methods, guarded by {@code fhir:export} and {@code disclosure:manage}.
 */
final class SensitiveRecords {

    /** The condition on a {@code clinical_document d} that makes it one of those records. */
    static final String RESTRICTED = """
            (exists (select 1 from document_sensitivity s where s.document_id = d.id
                     and s.tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES'))
             or exists (select 1 from encounter_sensitivity s where s.encounter_id = d.encounter_id
                     and s.tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES')))""";

    /** The condition on a {@code clinical_document d} that makes it a psychotherapy note. */
    static final String PSYCHOTHERAPY = """
            (exists (select 1 from document_sensitivity s where s.document_id = d.id and s.tag = 'PSYCHOTHERAPY_NOTES')
             or exists (select 1 from encounter_sensitivity s where s.encounter_id = d.encounter_id
                     and s.tag = 'PSYCHOTHERAPY_NOTES'))""";

    /**
     * The same condition on a kept clinical resource {@code alias} (issue 15): tagged Part 2 when stored
     * (a substance use disorder diagnosis, medication or drug screen, by the rules of
     * {@code clinical_sensitivity_rule}), recorded in an encounter tagged so, or a copy of a chart document
     * tagged so (its {@code document_id}; the document's tags as they are now, V163).
     */
    static String restrictedResource(String alias) {
        return "(" + alias + ".sensitivity && '{SUBSTANCE_USE_DISORDER,PSYCHOTHERAPY_NOTES}'::text[]"
                + " or exists (select 1 from encounter_sensitivity s where s.encounter_id = " + alias + ".encounter_id"
                + " and s.tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES'))"
                + " or (" + alias + ".document_id is not null and exists (select 1 from document_sensitivity s"
                + " where s.document_id = " + alias + ".document_id and s.tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES'))))";
    }

    /**
     * The condition on a kept clinical resource {@code alias} that makes it a copy of a psychotherapy note
     * that practitioner {@code me} did not write (45 CFR 164.508(a)(2)(i)(A)). Evaluated only for copies
     * ({@code document_id} set), so a patient's other resources cost nothing.
     */
    static String othersPsychotherapyCopy(String alias, long me) {
        return "(" + alias + ".document_id is not null and exists (select 1 from clinical_document d where d.id = "
                + alias + ".document_id and coalesce(d.author_id, 0) <> " + me + " and " + PSYCHOTHERAPY + "))";
    }

    /**
     * The condition on a kept clinical resource {@code alias} of what the caller may read, or {@code null}
     * when the caller is no reader: no Part 2 record without {@code chart:read-sensitive}, and no copy of a
     * psychotherapy note but of the caller's own, as {@link #visible} for documents.
     */
    static String visibleResource(String alias, ProviderDirectory directory) {
        if (!reader()) {
            return null;
        }
        String own = "not " + othersPsychotherapyCopy(alias, originator(directory));
        return withheld() ? "not " + restrictedResource(alias) + " and " + own : own;
    }

    /** The tags of a kept clinical resource {@code alias}: its own, its encounter's and, for a copy, its document's. */
    static String resourceTags(String alias) {
        return alias + ".sensitivity || coalesce((select array_agg(s.tag) from encounter_sensitivity s"
                + " where s.encounter_id = " + alias + ".encounter_id), '{}') || coalesce((select array_agg(s.tag)"
                + " from document_sensitivity s where " + alias + ".document_id is not null and s.document_id = "
                + alias + ".document_id), '{}')";
    }

    static final String RESOURCE_REFUSAL = "a Part 2 (42 CFR 2.13) or psychotherapy-note (45 CFR 164.508(a)(2)) record: "
            + "chart:read-sensitive required";

    static final String REFUSAL = "a Part 2 (42 CFR 2.13) or psychotherapy-note (45 CFR 164.508(a)(2)) document: "
            + "chart:read-sensitive required";

    static final String NOT_ORIGINATOR = "a psychotherapy note (45 CFR 164.501, 164.508(a)(2)(i)(A)): "
            + "used only by its originator";

    private SensitiveRecords() {
    }

    /** Whether the caller reads charts but not these records. */
    static boolean withheld() {
        return reader() && !holds(Permission.CHART_READ_SENSITIVE);
    }

    /**
     * Whether the caller is held to what a reader may see: everyone signed in but a writer that reads nothing
     * back (the interface engine: {@code chart:write} without {@code chart:read}). A caller that reaches
     * documents through another module without {@code chart:read} (the administrator on a coding or CDI page)
     * is a reader too.
     */
    static boolean reader() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && (holds(Permission.CHART_READ) || !holds(Permission.CHART_WRITE));
    }

    private static boolean holds(Permission permission) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return false;
        }
        for (var a : auth.getAuthorities()) {
            if (a.getAuthority().equals(permission.authority())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The condition on {@code clinical_document d} of what the caller may read, or {@code null} when the
     * caller is no reader: no Part 2 record without {@code chart:read-sensitive}, and no psychotherapy note
     * but the caller's own (the caller's practitioner in the provider directory is its author).
     */
    static String visible(ProviderDirectory directory) {
        if (!reader()) {
            return null;
        }
        long me = originator(directory);
        String own = "(not " + PSYCHOTHERAPY + " or coalesce(d.author_id, 0) = " + me + ")";
        return withheld() ? "not " + RESTRICTED + " and " + own : own;
    }

    /** The caller's practitioner id, or -1 when the caller is none. */
    static long originator(ProviderDirectory directory) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? -1 : directory.byUsername(auth.getName()).map(Practitioner::id).orElse(-1L);
    }
}
