package org.custodian.patient.internal.mpi;

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
        String number = null;
        String street = line;
        if (street != null) {
            Matcher m = HOUSE_NUMBER.matcher(street);
            if (m.matches()) {
                number = m.group(1);
                street = m.group(2);
            }
        }
        return new MpiRecord(id, given, family, birthDate == null ? null : birthDate.format(DateTimeFormatter.BASIC_ISO_DATE),
                sex == null || sex.equals(AdministrativeSex.U.name()) ? null : sex, ssn, number, street, null,
                city, postalCode, state, phone);
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
