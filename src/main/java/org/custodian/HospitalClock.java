package org.custodian;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The hospital's clock: "now", and "today" as the hospital counts days, in its time zone
 * ({@code custodian.zone}). Every clock of the law counts calendar days where the hospital is, not
 * in UTC — the ROI 30 days (45 CFR 164.524(b)(2)), amendments 60 days (164.526(b)(2)), the
 * accounting 60 days (164.528(c)(1)), retention and delinquency — so a request received at 8 pm
 * Eastern is dated that day, not the next.
 *
 * <p>It is a {@link Clock}, so code that takes a {@code Clock} and calls {@code LocalDate.now(clock)}
 * gets the hospital's date; new code should inject this type and ask {@link #today()}.
 */
public final class HospitalClock extends Clock {

    private final Clock base;

    private HospitalClock(Clock base) {
        this.base = Objects.requireNonNull(base, "clock");
    }

    /** The system clock in the hospital's zone. */
    public static HospitalClock system(ZoneId zone) {
        return new HospitalClock(Clock.system(zone));
    }

    /** A clock that stands still at {@code instant}, for tests of legal clocks at any moment. */
    public static HospitalClock fixed(Instant instant, ZoneId zone) {
        return new HospitalClock(Clock.fixed(instant, zone));
    }

    /** {@code clock} as the hospital's clock, in the clock's own zone. */
    public static HospitalClock of(Clock clock) {
        return clock instanceof HospitalClock h ? h : new HospitalClock(clock);
    }

    /** Today's date at the hospital. */
    public LocalDate today() {
        return LocalDate.now(base);
    }

    /** The hospital's calendar date of {@code instant}. */
    public LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, base.getZone());
    }

    /** The first instant of {@code date} at the hospital (midnight local, or later on a DST gap). */
    public Instant startOf(LocalDate date) {
        return date.atStartOfDay(base.getZone()).toInstant();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public HospitalClock withZone(ZoneId zone) {
        return new HospitalClock(base.withZone(zone));
    }

    @Override
    public Instant instant() {
        return base.instant();
    }

    @Override
    public long millis() {
        return base.millis();
    }

    @Override
    public String toString() {
        return "HospitalClock[" + base + "]";
    }
}
