package org.custodian.audit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HL7 v3 PurposeOfUse codes (value set 2.16.840.1.113883.1.11.20448) that an access or a disclosure
 * is recorded under, with their titles. The one list for the audit log, break-the-glass and
 * privacy monitoring; which of them justify breaking the glass is said here too.
 */
public enum PurposeOfUse {
    ETREAT("Emergency treatment", true),
    TREAT("Treatment", true),
    CAREMGT("Care management", true),
    BTG("Break the glass (other)", true),
    HOPERAT("Healthcare operations", true),
    PATRQT("Patient requested", true),
    HLEGAL("Legal", true),
    PUBHLTH("Public health", true),
    HPAYMT("Payment", false),
    HRESCH("Research", false),
    COVERAGE("Coverage", false),
    HMARKT("Marketing", false);

    private final String title;
    private final boolean breaksTheGlass;

    PurposeOfUse(String title, boolean breaksTheGlass) {
        this.title = title;
        this.breaksTheGlass = breaksTheGlass;
    }

    public String title() {
        return title;
    }

    /** Whether a user may give it to break the glass (45 CFR 164.312(a)(2)(ii)). */
    public boolean breaksTheGlass() {
        return breaksTheGlass;
    }

    public static Optional<PurposeOfUse> of(String code) {
        return Arrays.stream(values()).filter(p -> p.name().equals(code)).findFirst();
    }

    /** What a code means, or the code itself when it is not one of these. */
    public static String titleOf(String code) {
        return code == null ? "" : of(code).map(PurposeOfUse::title).orElse(code);
    }

    /** Code → title of those that break the glass, in the order offered. */
    public static Map<String, String> forBreakingTheGlass() {
        Map<String, String> m = new LinkedHashMap<>();
        Arrays.stream(values()).filter(PurposeOfUse::breaksTheGlass).forEach(p -> m.put(p.name(), p.title()));
        return java.util.Collections.unmodifiableMap(m);
    }
}
