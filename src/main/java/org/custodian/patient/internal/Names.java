package org.custodian.patient.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Names folded for search: lower case, accents removed, single spaces ("José  Núñez" → "jose nunez"). */
final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Names() {
    }

    static String fold(String s) {
        if (s == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        return SPACES.matcher(MARKS.matcher(decomposed).replaceAll("")).replaceAll(" ")
                .trim().toLowerCase(Locale.ROOT);
    }

    static String searchName(String given, String middle, String family) {
        return fold(given + " " + (middle == null ? "" : middle) + " " + family);
    }

    /** Escapes LIKE wildcards so a user's '%' or '_' matches itself. */
    static String likeLiteral(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
