package org.custodian.patient.internal.mpi;

import java.util.Locale;

/**
 * One person-record as the matching engine sees it: demographics folded to lower case, blanks as
 * null (a missing value is neither agreement nor disagreement). The birth date stays an 8-digit
 * {@code yyyymmdd} string because mistyped dates (day 31 of February) must still be compared.
 */
public record MpiRecord(String id, String givenName, String familyName, String birthDate, String sex, String ssn,
                        String streetNumber, String address1, String address2, String city, String postcode,
                        String state, String phone) {

    public MpiRecord {
        givenName = clean(givenName);
        familyName = clean(familyName);
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

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return t.isEmpty() ? null : t;
    }

    static String digits(String s) {
        if (s == null) {
            return null;
        }
        String d = s.replaceAll("[^0-9]", "");
        return d.isEmpty() ? null : d;
    }
}
