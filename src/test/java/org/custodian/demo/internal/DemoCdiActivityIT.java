package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.custodian.HospitalClock;
import org.custodian.analytics.Metric;
import org.custodian.analytics.internal.MetricRegistry;
import org.custodian.cdi.CdiFigures;
import org.custodian.demo.DemoHospital;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh demo hospital has the CDI department's past weeks (through the cdi module's public API):
 * queries answered agreed, disagreed and clinically undetermined, one escalated to the physician
 * advisor and still open, one sent today and pending; and so each of the dashboard's four CDI tiles
 * (query, response, agreement, CC/MCC capture rate) has a value, with the demo's queries among the
 * records behind it. The demo is loaded in a facility of its own into the shared test database.
 */
@CustodianTest
class DemoCdiActivityIT {

    @Autowired DemoLoader loader;
    @Autowired DemoCdiActivity activity;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;
    @Autowired StaffAccounts accounts;
    @Autowired MetricRegistry registry;
    @Autowired CdiFigures figures;
    @Autowired org.custodian.cdi.CdiWorklist worklist;

    @Test
    void aFreshDemoHasAnsweredEscalatedAndPendingQueriesAndEveryCdiTileAValue() {
        DemoHospital hospital = DemoHospital.generate(42, 1000, "Q" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT), clock);
        DemoLoader.Loaded loaded = loader.load(hospital);
        DemoCdiActivity.Recorded r = activity.record(hospital, loaded, accounts.of(Role.CLINICIAN));
        System.out.println("demo CDI activity: " + r);
        Long[] patients = loaded.patientIds().toArray(Long[]::new);

        List<String> outcomes = jdbc.sql("select coalesce(outcome, status) from cdi_query where patient_id = any(?)").param(patients)
                .query(String.class).list();
        assertThat(outcomes).contains("AGREED", "DISAGREED", "UNDETERMINED");
        assertThat(r.answered()).isEqualTo((int) outcomes.stream().filter(o -> !"OPEN".equals(o)).count());
        assertThat(jdbc.sql("select count(*) from cdi_query where patient_id = any(?) and status = 'OPEN' and escalated_at is not null")
                .param(patients).query(Long.class).single()).as("escalated to the physician advisor, still open").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from cdi_query where patient_id = any(?) and status = 'OPEN' and escalated_at is null")
                .param(patients).query(Long.class).single()).as("pending").isEqualTo(1);
        assertThat(jdbc.sql("select count(distinct encounter_id) from cdi_review where patient_id = any(?)").param(patients)
                .query(Long.class).single()).as("more stays reviewed than queried").isGreaterThan(r.queries() - 1L);
        // Each answer is a signed addendum, dated when the physician answered.
        assertThat(jdbc.sql("""
                select count(*) from cdi_query q join clinical_document d on d.id = q.addendum_id
                where q.patient_id = any(?) and d.status = 'SIGNED'""").param(patients).query(Long.class).single())
                .isEqualTo((long) r.answered());

        Set<Long> demo = Set.of(patients);
        Instant now = clock.instant();
        List<CdiFigures.QueryDates> sent = figures.queries(now.minus(Duration.ofDays(40)), now.plusSeconds(1)).stream()
                .filter(q -> demo.contains(q.patientId())).toList();
        assertThat(sent.stream().filter(CdiFigures.QueryDates::ccMccCaptured)).as("a CC or MCC documented by an answer").isNotEmpty();
        assertThat(sent.stream().map(q -> HospitalClock.of(clock).dateOf(q.sentAt())).collect(Collectors.toSet()))
                .as("over the past weeks").hasSizeGreaterThan(3);

        // The demo's in-house inpatients are on the worklist, each for several rules, with a working DRG (provisional
        // while their fiscal year has no grouper loaded).
        accounts.runAs(Role.CDI_SPECIALIST, () -> {
            Set<String> rules = new java.util.TreeSet<>();
            // The demo's own size (1,000 people) has several patients in house on any day; each scenario its own rules.
            assertThat(DemoCdi.visits(hospital)).as("in-house stays with a CDI scenario").hasSizeGreaterThanOrEqualTo(3);
            for (int i : DemoCdi.visits(hospital)) {
                var item = worklist.item(loaded.encounterIds().get(i));
                assertThat(item.reasons()).as("in house: " + item.encounterId()).hasSizeGreaterThanOrEqualTo(2);
                assertThat(item.workingDrg()).isNotNull();
                item.reasons().forEach(x -> rules.add(x.ruleId()));
            }
            System.out.println("demo in-house CDI rules: " + rules);
            assertThat(rules).as("several rules across the stays").contains("sepsis", "hyponatremia").hasSizeGreaterThanOrEqualTo(5);
        });

        LocalDate today = HospitalClock.of(clock).today();
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            for (String id : List.of("cdi-query-rate", "cdi-response-rate", "cdi-agreement-rate", "cdi-cc-mcc-capture-rate")) {
                Metric m = registry.require(id);
                // The tile: the latest month with a value over the last year (the home page's series).
                var series = registry.series(m, today.minusMonths(11).withDayOfMonth(1), today, MetricRegistry.Interval.MONTH);
                assertThat(series.latest()).as(id + " tile").isNotNull();
                assertThat(MetricRegistry.format(m, series.latest().value())).as(id).isNotEqualTo("\u2014");
                var period = registry.period(today.minusDays(40), today);
                assertThat(m.value(period)).as(id).isNotNull();
                assertThat(m.rows(period)).as(id + ": the demo's queries are behind it")
                        .anyMatch(row -> row.patientId() != null && demo.contains(row.patientId()));
            }
        });
    }
}
