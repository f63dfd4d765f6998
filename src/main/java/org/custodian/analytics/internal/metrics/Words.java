package org.custodian.analytics.internal.metrics;

import java.util.Locale;

/** Words for the codes modules report (an encounter class), as people read them. */
final class Words {

    private Words() {
    }

    static String encounterClass(String code) {
        if (code == null) {
            return "";
        }
        String lower = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    static String plural(long n, String one) {
        return n + " " + one + (n == 1 ? "" : "s");
    }
}
