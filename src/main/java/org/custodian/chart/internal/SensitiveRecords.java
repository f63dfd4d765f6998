package org.custodian.chart.internal;

import org.custodian.privacy.Permission;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Minimum necessary for the most protected records (45 CFR 164.502(b), 164.514(d); issue 22): documents
 * of a 42 CFR Part 2 substance-use-disorder program (tagged so, or filed under an encounter tagged so;
 * 42 CFR 2.13, 2.31) and psychotherapy notes (45 CFR 164.508(a)(2)) are left out of a chart and refused
 * one by one to a reader with {@code chart:read} but without {@code chart:read-sensitive} (coders, CDI,
 * HIM analysts, data integrity analysts, administrators). Callers without {@code chart:read} (the
 * interface engine, which files and revises documents and reads nothing back) are not readers here.
 */
final class SensitiveRecords {

    /** The condition on a {@code clinical_document d} that makes it one of those records. */
    static final String RESTRICTED = """
            (exists (select 1 from document_sensitivity s where s.document_id = d.id
                     and s.tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES'))
             or exists (select 1 from encounter_sensitivity s where s.encounter_id = d.encounter_id
                     and s.tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES')))""";

    /**
     * The same condition on a kept clinical resource {@code alias} (issue 15): tagged Part 2 when stored
     * (a substance use disorder diagnosis, medication or drug screen, by the rules of
     * {@code clinical_sensitivity_rule}), or recorded in an encounter tagged so.
     */
    static String restrictedResource(String alias) {
        return "(" + alias + ".sensitivity && '{SUBSTANCE_USE_DISORDER,PSYCHOTHERAPY_NOTES}'::text[]"
                + " or exists (select 1 from encounter_sensitivity s where s.encounter_id = " + alias + ".encounter_id"
                + " and s.tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES')))";
    }

    static final String RESOURCE_REFUSAL = "a Part 2 (42 CFR 2.13) or psychotherapy-note (45 CFR 164.508(a)(2)) record: "
            + "chart:read-sensitive required";

    static final String REFUSAL = "a Part 2 (42 CFR 2.13) or psychotherapy-note (45 CFR 164.508(a)(2)) document: "
            + "chart:read-sensitive required";

    private SensitiveRecords() {
    }

    /** Whether the caller reads charts but not these records. */
    static boolean withheld() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return false;
        }
        boolean reads = false;
        for (var a : auth.getAuthorities()) {
            if (a.getAuthority().equals(Permission.CHART_READ_SENSITIVE.authority())) {
                return false;
            }
            reads |= a.getAuthority().equals(Permission.CHART_READ.authority());
        }
        return reads;
    }
}
