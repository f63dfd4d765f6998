package org.custodian.patient.internal.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.custodian.demo.DemoHospital;
import org.custodian.demo.DuplicateRegistration;
import org.junit.jupiter.api.Test;

/** The engine on the demo hospital's registrations, whose duplicates the generator knows. */
class DemoHospitalMatchingTest {

    @Test
    void findsTheDemoHospitalsDuplicates() {
        DemoHospital hospital = DemoHospital.generate(20261127L, 2000, "MAIN",
                Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC));
        List<MpiRecord> records = new ArrayList<>();
        for (int i = 0; i < hospital.registrations().size(); i++) {
            records.add(MpiRecord.of(String.valueOf(i), hospital.registrations().get(i)));
        }
        // Entity of each registration: a duplicate belongs to the person of its original.
        int[] entity = new int[records.size()];
        for (int i = 0; i < entity.length; i++) {
            entity[i] = i;
        }
        for (DuplicateRegistration d : hospital.duplicates()) {
            entity[d.registration()] = entity[d.original()];
        }
        List<String> entities = java.util.Arrays.stream(entity).mapToObj(String::valueOf).toList();
        Linkage linkage = new MatchEngine(MpiSettings.DEFAULTS).link(records);
        PairMetrics m = PairMetrics.of(linkage, entities);
        System.out.printf("demo hospital: registrations=%d true pairs=%d compared=%d tp=%d fp=%d review=%d (true %d) "
                        + "precision=%.4f recall=%.4f f1=%.4f%n", records.size(), m.truePairs(), m.compared(),
                m.truePositives(), m.falsePositives(), m.reviewPairs(), m.trueInReview(), m.precision(), m.recall(), m.f1());
        assertThat(m.truePairs()).isPositive();
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(m.recall()).isGreaterThanOrEqualTo(0.85);
    }
}
