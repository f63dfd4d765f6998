package org.custodian.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plants snoopers (a relative's chart by family name, a household member's by address, one's own, a
 * co-worker's) in generated traffic among many explained accesses and a little innocent unexplained
 * traffic, and measures precision and recall of the alerted users (45 CFR 164.308(a)(1)(ii)(D)).
 * Targets: recall at least 0.95 at precision at least 0.8.
 */
class SnoopingDetectionTest {

    @org.junit.jupiter.api.Test
    void alertsFindThePlantedSnoopers() {
        int planted = 0;
        int alertedUsers = 0;
        int caughtUsers = 0;
        for (long seed = 1; seed <= 4; seed++) {
            int[] r = run(seed);
            planted += r[0];
            alertedUsers += r[1];
            caughtUsers += r[2];
        }
        double precision = (double) caughtUsers / alertedUsers;
        double recall = (double) caughtUsers / planted;
        System.out.printf("all seeds: %d snoopers planted, %d users alerted, %d caught: precision %.3f, recall %.3f%n",
                planted, alertedUsers, caughtUsers, precision, recall);
        assertThat(recall).as("recall").isGreaterThanOrEqualTo(0.95);
        assertThat(precision).as("precision").isGreaterThanOrEqualTo(0.8);
    }

    /** {planted, alerted users, planted among them} for one generated hospital. */
    int[] run(long seed) {
        ZoneId zone = ZoneId.of("America/Chicago");
        TrafficGenerator g = new TrafficGenerator(seed, zone, 5000, 400, 200_000, 14, 0.01, 40);
        Engine engine = new Engine(Engine.Settings.defaults(zone), EngineTest.rules(), g.patients, g.staff, g.reasons);
        List<Engine.Verdict> verdicts = engine.run(g.accesses, Map.of());
        List<Engine.Alert> alerts = engine.alerts(verdicts);
        Set<String> alerted = new HashSet<>();
        alerts.forEach(a -> alerted.add(a.user()));
        Set<String> caught = new HashSet<>(alerted);
        caught.retainAll(g.snoopers);
        double precision = alerted.isEmpty() ? 0 : (double) caught.size() / alerted.size();
        double recall = (double) caught.size() / g.snoopers.size();
        long explained = verdicts.stream().filter(v -> v.reason() != null).count();
        System.out.printf("seed %d: %d accesses (%d explained), %d snoopers planted, %d users alerted, %d caught: precision %.3f, recall %.3f%n",
                seed, g.accesses.size(), explained, g.snoopers.size(), alerted.size(), caught.size(), precision, recall);
        Map<String, Integer> falseRules = new java.util.TreeMap<>();
        alerts.stream().filter(a -> !g.snoopers.contains(a.user()))
                .forEach(a -> falseRules.merge(a.rules().stream().map(Engine.Fired::rule).sorted().toList().toString(), 1, Integer::sum));
        System.out.println("  rules of alerts on users not planted: " + falseRules);
        assertThat(g.snoopers).hasSizeGreaterThanOrEqualTo(30);
        return new int[] {g.snoopers.size(), alerted.size(), caught.size()};
    }
}
