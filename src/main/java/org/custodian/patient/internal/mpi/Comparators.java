package org.custodian.patient.internal.mpi;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Field comparators. Each returns an agreement level: {@link #MISSING} when either side is absent
 * (the field then says nothing about the pair), 0 for disagreement and higher numbers for closer
 * agreement. The levels are categories for the Fellegi–Sunter model, whose EM step learns how
 * often each level occurs among matches and non-matches; the cut-offs below only say which
 * differences are alike, not how much they weigh.
 */
final class Comparators {

    static final int MISSING = -1;

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance WITHIN_ONE = new LevenshteinDistance(1);
    private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(DoubleMetaphone::new);

    private Comparators() {
    }

    static double jaroWinkler(String a, String b) {
        return JARO_WINKLER.apply(a, b);
    }

    static String phonetic(String name) {
        if (name == null) {
            return null;
        }
        String code = METAPHONE.get().doubleMetaphone(name);
        return code == null || code.isEmpty() ? name : code;
    }

    /** 3 exact, 2 close spelling or nickname, 1 similar spelling or same sound, 0 different. */
    static int givenName(String a, String b, Nicknames nicknames) {
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return 3;
        }
        if (nicknames.equivalent(a, b)) {
            return 2;
        }
        return nameSimilarity(a, b);
    }

    /** 3 exact, 2 close spelling, 1 similar spelling or same sound, 0 different. */
    static int familyName(String a, String b) {
        if (a == null || b == null) {
            return MISSING;
        }
        return a.equals(b) ? 3 : nameSimilarity(a, b);
    }

    private static int nameSimilarity(String a, String b) {
        double jw = jaroWinkler(a, b);
        if (jw >= 0.92) {
            return 2;
        }
        if (jw >= 0.80 || phonetic(a).equals(phonetic(b))) {
            return 1;
        }
        return 0;
    }

    /**
     * Birth dates as {@code yyyymmdd}: 3 exact, 2 day and month swapped or one typing slip
     * (one digit wrong, or two adjacent digits transposed), 1 two digits wrong, 0 otherwise.
     */
    static int birthDate(String a, String b) {
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return 3;
        }
        if (a.length() == 8 && b.length() == 8) {
            boolean swapped = a.substring(0, 4).equals(b.substring(0, 4))
                    && a.substring(4, 6).equals(b.substring(6, 8)) && a.substring(6, 8).equals(b.substring(4, 6));
            if (swapped || oneSlip(a, b)) {
                return 2;
            }
            return hamming(a, b) == 2 ? 1 : 0;
        }
        return oneSlip(a, b) ? 2 : 0;
    }

    /** Identifiers (SSN, phone, postcode, street number): 2 exact, 1 one typing slip, 0 otherwise. */
    static int identifier(String a, String b) {
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return 2;
        }
        return oneSlip(a, b) ? 1 : 0;
    }

    /** Free text (street, suburb): 2 exact, 1 close spelling, 0 different. */
    static int text(String a, String b) {
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return 2;
        }
        return jaroWinkler(a, b) >= 0.88 ? 1 : 0;
    }

    /** Codes (sex, state): 1 equal, 0 different. */
    static int exact(String a, String b) {
        if (a == null || b == null) {
            return MISSING;
        }
        return a.equals(b) ? 1 : 0;
    }

    /** One insertion, deletion or substitution, or two adjacent characters transposed. */
    static boolean oneSlip(String a, String b) {
        Integer d = WITHIN_ONE.apply(a, b);
        if (d != null && d >= 0 && d <= 1) {
            return true;
        }
        return adjacentTransposition(a, b);
    }

    static boolean adjacentTransposition(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                if (first >= 0) {
                    return i == first + 1 && a.charAt(first) == b.charAt(i) && a.charAt(i) == b.charAt(first)
                            && a.substring(i + 1).equals(b.substring(i + 1));
                }
                first = i;
            }
        }
        return false;
    }

    static int hamming(String a, String b) {
        int d = Math.abs(a.length() - b.length());
        for (int i = 0; i < Math.min(a.length(), b.length()); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                d++;
            }
        }
        return d;
    }
}
