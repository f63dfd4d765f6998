package org.custodian.demo.internal;

import java.util.Random;

/** The keying mistakes of a registration desk. */
final class Typos {

    private Typos() {
    }

    /**
     * Swaps two adjacent, different letters after the first ("Jonhson"), the most frequent
     * keying error; null if the name has no such pair. The first letter stays: clerks rarely
     * miss it, and phonetic blocking in an MPI relies on it.
     */
    static String transpose(String name, Random random) {
        char[] c = name.toCharArray();
        int candidates = 0;
        for (int i = 1; i + 1 < c.length; i++) {
            if (swappable(c, i)) {
                candidates++;
            }
        }
        if (candidates == 0) {
            return null;
        }
        int pick = random.nextInt(candidates);
        for (int i = 1; i + 1 < c.length; i++) {
            if (swappable(c, i) && pick-- == 0) {
                char t = c[i];
                c[i] = c[i + 1];
                c[i + 1] = t;
                break;
            }
        }
        return new String(c);
    }

    private static boolean swappable(char[] c, int i) {
        return Character.isLowerCase(c[i]) && Character.isLowerCase(c[i + 1]) && c[i] != c[i + 1];
    }

    /** One digit of a nine-digit SSN mistyped, keeping it a number the SSA could have issued. */
    static String digitTypo(String ssn, Random random) {
        while (true) {
            char[] c = ssn.toCharArray();
            int position = random.nextInt(9);
            char digit = (char) ('0' + random.nextInt(10));
            if (digit == c[position]) {
                continue;
            }
            c[position] = digit;
            String typo = new String(c);
            if (plausibleSsn(typo)) {
                return typo;
            }
        }
    }

    static boolean plausibleSsn(String ssn) {
        if (ssn == null || !ssn.matches("[0-9]{9}")) {
            return false;
        }
        String area = ssn.substring(0, 3);
        return !area.equals("000") && !area.equals("666") && area.charAt(0) != '9'
                && !ssn.substring(3, 5).equals("00") && !ssn.substring(5).equals("0000");
    }
}
