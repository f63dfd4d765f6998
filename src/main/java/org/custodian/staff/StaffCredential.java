package org.custodian.staff;

import java.time.LocalDate;

/** A professional credential a staff member holds, with its current recertification cycle. */
public record StaffCredential(long id, String username, String code, String number, LocalDate earnedOn,
                              LocalDate cycleStart, LocalDate cycleEnd) {
}
