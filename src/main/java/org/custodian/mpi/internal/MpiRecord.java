package org.custodian.mpi.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;

/**
 * One person-record as the matching engine sees it: demographics folded to lower case, blanks as
 * null (a missing value is neither agreement nor disagreement). The birth date stays an 8-digit
 * {@code yyyymmdd} string because mistyped dates (day 31 of February) must still be compared.
 */
public record MpiRecord(String id, String givenName, String familyName, String birthDate, String sex, String ssn,
                        String streetNumber, String address1, String address2, String city, String postcode,
                        String state, String phone, String suffix) {

    /** A record whose generational suffix, if any, is still written after a name ("smith jr"). */
    public MpiRecord(String id, String givenName, String familyName, String birthDate, String sex, String ssn,
                     String streetNumber, String address1, String address2, String city, String postcode,
                     String state, String phone) {
        this(id, givenName, familyName, birthDate, sex, ssn, streetNumber, address1, address2, city, postcode, state, phone, null);
    }

    public MpiRecord {
        givenName = clean(givenName);
        familyName = clean(familyName);
        if (suffix == null) {
            // "smith jr", "john iii": the suffix says which generation, the name without it is the name.
            String s = Suffixes.of(familyName);
            if (s != null) {
                familyName = Suffixes.strip(familyName);
            } else if ((s = Suffixes.of(givenName)) != null) {
                givenName = Suffixes.strip(givenName);
            }
            suffix = s;
        } else {
            suffix = Suffixes.normalise(clean(suffix));
        }
        birthDate = digits(birthDate);
        sex = clean(sex);
        ssn = digits(ssn);
        streetNumber = clean(streetNumber);
        address1 = clean(address1);
        address2 = clean(address2);
        city = clean(city);
        postcode = clean(postcode);
        state = clean(state);
        phone = digits(phone);
    }

    /** Compiled once: String.replaceAll compiles its pattern on every call (a tenth of the MPI screen's CPU, measured). */
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern HOUSE_NUMBER = Pattern.compile("^\\s*(\\d+[a-zA-Z]?)\\s+(.*)$");

    /** A registration as the engine sees it: the street line split into house number and street. */
    public static MpiRecord of(String id, NewPatient p) {
        Address a = p.address() == null ? new Address(null, null, null, null) : p.address();
        return registered(id, p.givenName(), p.familyName(), p.birthDate(), p.sex() == null ? null : p.sex().name(),
                p.ssn(), a.line(), a.city(), a.state(), a.postalCode(), p.phone());
    }

    /** A registered patient's row as the engine sees it; sex U (unknown) counts as missing. */
    static MpiRecord registered(String id, String given, String family, LocalDate birthDate, String sex, String ssn,
                                String line, String city, String state, String postalCode, String phone) {
        return registered(id, given, family, birthDate == null ? null : birthDate.format(DateTimeFormatter.BASIC_ISO_DATE),
                sex, ssn, line, city, state, postalCode, phone);
    }

    /** As above, with the birth date already as {@code yyyymmdd} (the whole-index scan reads it as text). */
    static MpiRecord registered(String id, String given, String family, String birthDate, String sex, String ssn,
                                String line, String city, String state, String postalCode, String phone) {
        String number = null;
        String street = line;
        int split = houseNumberEnd(line);
        if (split > 0) {
            number = line.substring(0, split);
            street = line.substring(split).trim();
        } else if (split < 0) {
            Matcher m = HOUSE_NUMBER.matcher(line);
            if (m.matches()) {
                number = m.group(1);
                street = m.group(2);
            }
        }
        return new MpiRecord(id, given, family, birthDate,
                sex == null || sex.equals(AdministrativeSex.U.name()) ? null : sex, ssn, number, street, null,
                city, postalCode, state, phone, null);
    }

    /**
     * Where the house number of a street line ends ("12b Oak St" → 3), or 0 when the line does not
     * start with one followed by a blank and more (the pattern {@code ^\s*(\d+[a-zA-Z]?)\s+(.*)$},
     * by hand: the scan splits a million lines).
     */
    static int houseNumberEnd(String line) {
        if (line == null) {
            return 0;
        }
        int n = line.length();
        if (n > 0 && Character.isWhitespace(line.charAt(0))) {
            return -1;
        }
        int i = 0;
        while (i < n && line.charAt(i) >= '0' && line.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            return 0;
        }
        if (i < n && (line.charAt(i) >= 'a' && line.charAt(i) <= 'z' || line.charAt(i) >= 'A' && line.charAt(i) <= 'Z')) {
            i++;
        }
        if (i >= n || !Character.isWhitespace(line.charAt(i)) || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            return i < n && Character.isWhitespace(line.charAt(i)) ? -1 : 0;
        }
        return i;
    }

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        if (isClean(s)) {
            return s; // the common case at scan time: no regex, no copy
        }
        String t = BLANKS.matcher(s.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    /** Non-empty, lower case, no leading, trailing or doubled blank, no other white space. */
    private static boolean isClean(String s) {
        int n = s.length();
        if (n == 0 || s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z' || c > 127 || c < ' ' || c == ' ' && s.charAt(i - 1) == ' ') {
                return false;
            }
        }
        return true;
    }

    static String digits(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == n) {
            return n == 0 ? null : s;
        }
        StringBuilder d = new StringBuilder(n);
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        return d.isEmpty() ? null : d.toString();
    }
}
