package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.LongStream;
import org.custodian.demo.DemoHospital;
import org.junit.jupiter.api.Test;

/** The demo hospital gives a few in-house inpatients the labs, vital signs and codes of several CDI rules. */
class DemoCdiTest {

    @Test
    void inHouseInpatientsGetTheRecordsOfSeveralCdiRules() {
        DemoHospital hospital = DemoHospital.generate(42, 1000, "DEMO", Clock.fixed(Instant.parse("2026-09-15T12:00:00Z"), ZoneId.of("UTC")));
        List<Integer> visits = DemoCdi.visits(hospital);
        assertThat(visits).hasSizeGreaterThanOrEqualTo(3);
        visits.forEach(i -> assertThat(hospital.visits().get(i).encounter().dischargeAt()).isNull());
        List<Long> patients = LongStream.range(0, hospital.registrations().size()).boxed().toList();
        List<Long> encounters = LongStream.range(0, hospital.visits().size()).map(i -> 1000 + i).boxed().toList();
        var observations = DemoCdi.observations(hospital, patients, encounters);
        assertThat(observations).extracting(r -> r.terms().stream().filter(t -> t.startsWith("code=http://loinc.org|2")).findFirst().orElse(""))
                .contains("code=http://loinc.org|2524-7", "code=http://loinc.org|2951-2", "code=http://loinc.org|2160-0");
        assertThat(observations).allSatisfy(r -> assertThat(r.dateStart()).isBefore(hospital.asOf()));
        assertThat(DemoCdi.findings(hospital, patients, encounters)).extracting(f -> f.code()).contains("J18.9", "30233N1");
    }

    /**
     * The demo's CDI past: every query of {@link DemoCdi#PAST} finds a stay of the past weeks, long enough
     * to be queried during it, and the unanswered one is old enough to be escalated (48 h) but not closed
     * (7 days); its records carry the labs the query cites and the diagnosis the attending wrote.
     */
    @Test
    void pastStaysOfTheLastWeeksAreChosenForEveryDemoQuery() {
        for (Instant asOf : List.of(Instant.parse("2026-12-07T01:00:00Z"), Instant.parse("2027-03-01T15:00:00Z"))) {
            DemoHospital hospital = DemoHospital.generate(1, 1000, "DEMO", Clock.fixed(asOf, ZoneId.of("UTC")));
            int[] past = DemoCdi.pastVisits(hospital);
            assertThat(past).as("at " + asOf).doesNotContain(-1).doesNotHaveDuplicates();
            for (int k = 0; k < past.length; k++) {
                var e = hospital.visits().get(past[k]).encounter();
                assertThat(e.dischargeAt()).isBefore(asOf.minus(java.time.Duration.ofDays(3)))
                        .isAfter(asOf.minus(java.time.Duration.ofDays(35)));
                if (k < DemoCdi.PAST.size() - 1) {
                    assertThat(DemoCdi.sentAt(hospital, k, past[k])).as("sent during the stay").isBefore(e.dischargeAt())
                            .isAfter(e.admitAt());
                }
            }
            int last = DemoCdi.PAST.size() - 1;
            assertThat(DemoCdi.sentAt(hospital, last, past[last])).as("escalated (48 h) but not closed (7 days)")
                    .isBefore(asOf.minus(java.time.Duration.ofHours(49))).isAfter(asOf.minus(java.time.Duration.ofDays(7)))
                    .isAfter(hospital.visits().get(past[last]).encounter().admitAt());
            List<Long> patients = LongStream.range(0, hospital.registrations().size()).boxed().toList();
            List<Long> encounters = LongStream.range(0, hospital.visits().size()).map(i -> 1000 + i).boxed().toList();
            assertThat(DemoCdi.findings(hospital, patients, encounters)).extracting(f -> f.encounterId())
                    .contains(encounters.get(past[0]), encounters.get(past[DemoCdi.PAST.size() - 1]));
            assertThat(DemoCdi.observations(hospital, patients, encounters)).extracting(r -> r.encounterId())
                    .contains(encounters.get(past[0]));
        }
    }
}
