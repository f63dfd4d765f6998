package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.custodian.demo.DemoHospital;
import org.junit.jupiter.api.Test;

class DemoStaffTest {

    @Test
    void aPhysicianSignsInUnderTheFamilyNameNotTheDegree() {
        assertThat(DemoStaff.physicianUsername("Ana Ruiz, MD")).isEqualTo("dr-ruiz");
        assertThat(DemoStaff.physicianUsername("Sean O'Neil, DO")).isEqualTo("dr-oneil");
        assertThat(DemoStaff.physicianUsername("Lee Park")).isEqualTo("dr-park");
    }

    @Test
    void theSigningPhysiciansOfTheDemoHospitalHaveDistinctAccounts() {
        // Two signing physicians once shared "dr-md": the second had no account and no directory entry.
        for (long seed = 1; seed <= 10; seed++) {
            DemoHospital hospital = DemoHospital.generate(seed, 50, "MAIN",
                    Clock.fixed(Instant.parse("2026-11-27T15:30:00Z"), ZoneOffset.UTC));
            List<String> usernames = hospital.physicians().subList(1, DemoStaff.SIGNING_PHYSICIANS + 1).stream()
                    .map(DemoStaff::physicianUsername).toList();
            assertThat(usernames).as("seed %d", seed).doesNotHaveDuplicates().noneMatch(u -> u.equals("dr-md") || u.equals("dr-do"));
        }
    }
}
