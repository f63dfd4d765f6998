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
        DemoHospital hospital = DemoHospital.generate(42, 500, "DEMO", Clock.fixed(Instant.parse("2026-09-15T12:00:00Z"), ZoneId.of("UTC")));
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
}
