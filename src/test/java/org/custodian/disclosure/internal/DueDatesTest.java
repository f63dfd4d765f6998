package org.custodian.disclosure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The right-of-access clock (45 CFR 164.524(b)(2)) and the accounting clock (164.528(c)(1)) in calendar days. */
class DueDatesTest {

    private final DueDates dates = new DueDates(new DisclosureSettings());

    @Test
    void thirtyCalendarDaysAcrossAMonthEnd() {
        assertThat(dates.due(LocalDate.of(2025, 1, 15), null)).isEqualTo(LocalDate.of(2025, 2, 14));
        assertThat(dates.due(LocalDate.of(2025, 10, 31), null)).isEqualTo(LocalDate.of(2025, 11, 30));
        assertThat(dates.due(LocalDate.of(2025, 12, 20), null)).isEqualTo(LocalDate.of(2026, 1, 19));
    }

    @Test
    void thirtyDaysAndTheExtensionInALeapYear() {
        LocalDate due = dates.due(LocalDate.of(2028, 2, 10), null);
        assertThat(due).isEqualTo(LocalDate.of(2028, 3, 11)); // February 2028 has 29 days
        assertThat(dates.due(LocalDate.of(2027, 2, 10), null)).isEqualTo(LocalDate.of(2027, 3, 12)); // 2027 does not
        LocalDate extended = dates.extended(LocalDate.of(2028, 1, 30), null, "Records in off-site storage", LocalDate.of(2028, 1, 20));
        assertThat(extended).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void theExtensionAcrossAMonthEndNeedsAReasonIsGivenOnceAndBeforeTheDeadline() {
        LocalDate due = LocalDate.of(2026, 1, 31);
        assertThat(dates.extended(due, null, "Archived paper record", LocalDate.of(2026, 1, 31))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThatThrownBy(() -> dates.extended(due, null, "  ", LocalDate.of(2026, 1, 20)))
                .hasMessageStartingWith("reason:");
        assertThatThrownBy(() -> dates.extended(due, LocalDate.of(2026, 3, 2), "again", LocalDate.of(2026, 1, 20)))
                .hasMessageContaining("only one extension");
        assertThatThrownBy(() -> dates.extended(due, null, "late", LocalDate.of(2026, 2, 1)))
                .hasMessageContaining("before the deadline");
    }

    @Test
    void aShorterStateDeadlineAppliesAndALongerOneDoesNot() {
        DisclosureSettings settings = new DisclosureSettings();
        settings.setStateDays(Map.of("CA", 15, "ZZ", 45));
        DueDates withStates = new DueDates(settings);
        assertThat(withStates.due(LocalDate.of(2026, 1, 25), "ca")).isEqualTo(LocalDate.of(2026, 2, 9));
        assertThat(withStates.due(LocalDate.of(2026, 1, 25), "ZZ")).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(withStates.due(LocalDate.of(2026, 1, 25), "NY")).isEqualTo(LocalDate.of(2026, 2, 24));
    }

    @Test
    void anAccountingIsDueInSixtyDays() {
        assertThat(dates.accountingDue(LocalDate.of(2028, 1, 15))).isEqualTo(LocalDate.of(2028, 3, 15));
        assertThat(dates.accountingDue(LocalDate.of(2027, 1, 15))).isEqualTo(LocalDate.of(2027, 3, 16));
    }
}
