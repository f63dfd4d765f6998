package org.custodian.completion.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.custodian.completion.EscalationStep;

/**
 * The clocks of record completion, pure and counted in the hospital's calendar days: a record is
 * delinquent when a deficiency is still open more than N days after discharge (N from the bylaws,
 * within 42 CFR 482.24(c)(4)(viii)'s 30 days), and the escalation ladder climbs with the days
 * since discharge of a practitioner's oldest open deficiency.
 */
final class CompletionClock {

    private CompletionClock() {
    }

    /** The hospital date on which the record becomes delinquent: the discharge date plus N, plus one. */
    static LocalDate delinquentOn(Instant dischargeAt, ZoneId zone, int days) {
        return LocalDate.ofInstant(dischargeAt, zone).plusDays(days + 1L);
    }

    /** Days left before delinquency (0: the last day; negative: delinquent for that many days). */
    static long daysLeft(Instant dischargeAt, ZoneId zone, int days, LocalDate today) {
        return ChronoUnit.DAYS.between(today, delinquentOn(dischargeAt, zone, days)) - 1;
    }

    static boolean delinquent(Instant dischargeAt, ZoneId zone, int days, LocalDate today) {
        return dischargeAt != null && !today.isBefore(delinquentOn(dischargeAt, zone, days));
    }

    /** Hospital calendar days from discharge to today. */
    static long daysSinceDischarge(Instant dischargeAt, ZoneId zone, LocalDate today) {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(dischargeAt, zone), today);
    }

    /** The highest rung reached after {@code days} since discharge, or null below the first. */
    static EscalationStep step(long days, int reminderDay, int chairDay, int suspensionDay) {
        if (days >= suspensionDay) {
            return EscalationStep.SUSPENSION;
        }
        if (days >= chairDay) {
            return EscalationStep.CHAIR_NOTICE;
        }
        if (days >= reminderDay) {
            return EscalationStep.REMINDER;
        }
        return null;
    }

    /** The rate in percent, to two decimals; 0 when there is nothing to divide by. */
    static double rate(long delinquent, double discharges) {
        return discharges <= 0 ? 0 : Math.round(delinquent * 10000.0 / discharges) / 100.0;
    }
}
