package org.custodian.web;

import java.util.Locale;

/** Words for people instead of codes: a count with its noun in the right number, and enum names as words. */
public final class Words {

    private Words() {
    }

    /** "1 student", "2 students", "0 students"; {@code plural} for nouns not made with "s". */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** An enum constant's name as words: {@code RELEASE_WITH_WITHHOLDING} → "Release with withholding". */
    public static String label(Object constant) {
        if (constant == null) {
            return Fmt.NONE;
        }
        String name = constant instanceof Enum<?> e ? e.name() : constant.toString();
        String words = name.replace('_', ' ').toLowerCase(Locale.ROOT).strip();
        return words.isEmpty() ? Fmt.NONE : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
