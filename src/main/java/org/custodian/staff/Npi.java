package org.custodian.staff;

/**
 * The National Provider Identifier: ten digits, the last a Luhn check digit computed over the
 * nine before it prefixed with the card-issuer prefix 80840 (45 CFR 162.406; CMS, "Requirements
 * for NPI check digit").
 */
public final class Npi {

    private Npi() {
    }

    /** Whether {@code npi} is ten digits, starts with 1 or 2, and carries the right check digit. */
    public static boolean valid(String npi) {
        if (npi == null || !npi.matches("[12][0-9]{9}")) {
            return false;
        }
        return checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }

    /** The check digit of the first nine digits (Luhn over "80840" + the nine). */
    public static int checkDigit(String nineDigits) {
        String digits = "80840" + nineDigits;
        int sum = 0;
        boolean dbl = true; // the rightmost digit of the payload is doubled (the check digit will follow it)
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }
}
