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
        return words.isEmpty() ? Fmt.NONE : keepAcronyms(Character.toUpperCase(words.charAt(0)) + words.substring(1));
    }

    /** Enum names as one list of words: {@code [SSN_DIFFERS, SEX_DIFFERS]} → "SSN differs, sex differs". */
    public static String list(java.util.Collection<?> constants) {
        if (constants == null || constants.isEmpty()) {
            return Fmt.NONE;
        }
        java.util.List<String> words = new java.util.ArrayList<>();
        for (Object c : constants) {
            String w = label(c);
            words.add(words.isEmpty() ? w : Character.toLowerCase(w.charAt(0)) + w.substring(1));
        }
        return keepAcronyms(String.join(", ", words));
    }

    /** Acronyms HIM staff read as such stay in capitals. */
    private static String keepAcronyms(String s) {
        return s.replaceAll("(?i)\\bssn\\b", "SSN").replaceAll("(?i)\\bmrn\\b", "MRN").replaceAll("(?i)\\bdob\\b", "DOB")
                .replaceAll("(?i)\\broi\\b", "ROI").replaceAll("(?i)\\bhl7\\b", "HL7");
    }
}
