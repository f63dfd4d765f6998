package org.custodian.mpi.internal;

import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

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
    private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(DoubleMetaphone::new);

    private Comparators() {
    }

    /**
     * Jaro–Winkler similarity as commons-text's {@code JaroWinklerSimilarity} computes it (match
     * window max(len)/2 − 1, prefix bonus 0.1 per common leading character, up to 4, only above
     * 0.7), without its allocations: the scan calls it tens of millions of times. Strings longer
     * than 64 characters, which the bit sets below cannot hold, go to commons-text.
     */
    static double jaroWinkler(String a, String b) {
        if (a.equals(b)) {
            return 1d;
        }
        String max = a.length() > b.length() ? a : b;
        String min = max == a ? b : a;
        int maxLen = max.length();
        int minLen = min.length();
        if (maxLen > 64) {
            return JARO_WINKLER.apply(a, b);
        }
        int range = Math.max(maxLen / 2 - 1, 0);
        long minMatched = 0;
        long maxMatched = 0;
        int matches = 0;
        for (int mi = 0; mi < minLen; mi++) {
            char c = min.charAt(mi);
            for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, maxLen); xi < xn; xi++) {
                if ((maxMatched & (1L << xi)) == 0 && c == max.charAt(xi)) {
                    maxMatched |= 1L << xi;
                    minMatched |= 1L << mi;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) {
            return 0d;
        }
        // Matched characters in the order of each string; count the positions where they differ.
        int halfTranspositions = 0;
        int xi = 0;
        for (int mi = 0; mi < minLen; mi++) {
            if ((minMatched & (1L << mi)) != 0) {
                while ((maxMatched & (1L << xi)) == 0) {
                    xi++;
                }
                if (min.charAt(mi) != max.charAt(xi)) {
                    halfTranspositions++;
                }
                xi++;
            }
        }
        int prefix = 0;
        for (int i = 0; i < Math.min(4, minLen); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                break;
            }
            prefix++;
        }
        double m = matches;
        double j = (m / a.length() + m / b.length() + (m - (double) halfTranspositions / 2) / m) / 3;
        return j < 0.7d ? j : j + 0.1 * prefix * (1d - j);
    }

    /**
     * Names repeat (a million patients share some tens of thousands of names) and the metaphone
     * rules cost a microsecond a call, so codes are remembered, up to a bound that keeps the cache
     * small in a long-running server.
     */
    private static final int PHONETIC_CACHE = 500_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, String> PHONETIC = new java.util.concurrent.ConcurrentHashMap<>();

    static String phonetic(String name) {
        if (name == null) {
            return null;
        }
        String cached = PHONETIC.get(name);
        if (cached != null) {
            return cached;
        }
        String code = METAPHONE.get().doubleMetaphone(name);
        code = code == null || code.isEmpty() ? name : code;
        if (PHONETIC.size() < PHONETIC_CACHE) {
            PHONETIC.put(name, code);
        }
        return code;
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
     * Birth dates as {@code yyyymmdd}: 4 exact, 3 day and month swapped, 2 one typing slip (one digit
     * wrong, or two adjacent digits transposed), 1 two digits wrong, 0 otherwise. A swap and a slip are
     * kept apart because chance makes them at very different rates: a date has one swapped twin and
     * some twenty dates one slip away, so two strangers' dates are a slip apart twenty times as often.
     */
    static int birthDate(String a, String b) {
        if (a == null || b == null) {
            return MISSING;
        }
        if (a.equals(b)) {
            return 4;
        }
        if (a.length() == 8 && b.length() == 8) {
            boolean swapped = a.regionMatches(0, b, 0, 4) && a.regionMatches(4, b, 6, 2) && a.regionMatches(6, b, 4, 2);
            if (swapped) {
                return 3;
            }
            if (oneSlip(a, b)) {
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
        int la = a.length();
        int lb = b.length();
        if (la == lb) {
            int first = -1;
            for (int i = 0; i < la; i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    if (first < 0) {
                        first = i;
                    } else {
                        // A second difference: only an adjacent transposition is still one slip.
                        return adjacentTransposition(a, b);
                    }
                }
            }
            return true; // equal, or one substitution
        }
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        // One insertion or deletion: skip one character of the longer at the first difference.
        String longer = la > lb ? a : b;
        String shorter = la > lb ? b : a;
        int i = 0;
        while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
            i++;
        }
        return shorter.regionMatches(i, longer, i + 1, shorter.length() - i);
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
