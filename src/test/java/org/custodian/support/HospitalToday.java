package org.custodian.support;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Today's date where the test hospital is ({@code custodian.zone}: America/New_York unless
 * CUSTODIAN_ZONE says otherwise), the date the legal clocks count from. A test that dates a request
 * in UTC fails every evening after 7 pm Eastern, when UTC is already on the next day ("receivedOn:
 * cannot be in the future").
 */
public final class HospitalToday {

    private HospitalToday() {
    }

    public static ZoneId zone() {
        String zone = System.getenv("CUSTODIAN_ZONE");
        return ZoneId.of(zone == null || zone.isBlank() ? "America/New_York" : zone);
    }

    public static LocalDate date() {
        return LocalDate.now(zone());
    }
}
