package org.custodian.monitoring.internal;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Privacy monitoring's engine on generated traffic: explains and scores N audit events (default
 * 1,000,000) against every reason of a hospital, and prints the time, the rate and the detection
 * figures. The events are generated in memory: the figure is the engine's, not PostgreSQL's read of
 * the log. Usage: bench/monitoring.sh [-Dbench.events=N]
 */
public final class MonitoringBenchmark {

    public static void main(String[] args) {
        int events = Integer.getInteger("bench.events", 1_000_000);
        ZoneId zone = ZoneId.of("America/Chicago");
        long g0 = System.nanoTime();
        TrafficGenerator g = new TrafficGenerator(42, zone, 50_000, 2_000, events, 30, 0.01, 100);
        long g1 = System.nanoTime();
        System.out.printf("generated %,d events, %,d reasons, %,d patients, %,d staff in %.1f s%n", g.accesses.size(),
                g.reasons.size(), g.patients.size(), g.staff.size(), (g1 - g0) / 1e9);
        for (int round = 1; round <= 3; round++) {
            long t0 = System.nanoTime();
            Engine engine = new Engine(Engine.Settings.defaults(zone), EngineTestRules.rules(), g.patients, g.staff, g.reasons);
            List<Engine.Verdict> verdicts = engine.run(g.accesses, Map.of());
            List<Engine.Alert> alerts = engine.alerts(verdicts);
            long t1 = System.nanoTime();
            Set<String> alerted = new HashSet<>();
            alerts.forEach(a -> alerted.add(a.user()));
            Set<String> caught = new HashSet<>(alerted);
            caught.retainAll(g.snoopers);
            long explained = verdicts.stream().filter(v -> v.reason() != null).count();
            double seconds = (t1 - t0) / 1e9;
            System.out.printf("round %d: explained and scored %,d events in %.2f s (%,.0f events/s); %,d explained, %,d alerts;"
                            + " snoopers %d, alerted users %d, caught %d: precision %.3f, recall %.3f%n",
                    round, verdicts.size(), seconds, verdicts.size() / seconds, explained, alerts.size(), g.snoopers.size(),
                    alerted.size(), caught.size(), alerted.isEmpty() ? 0 : (double) caught.size() / alerted.size(),
                    (double) caught.size() / g.snoopers.size());
        }
    }

    /** The rules as the V110 migration seeds them. */
    static final class EngineTestRules {
        static List<Engine.Rule> rules() {
            return List.of(
                    new Engine.Rule(Engine.SELF_ACCESS, "Self-access", 100, "self", true),
                    new Engine.Rule(Engine.SAME_ADDRESS, "Same address", 80, "address", true),
                    new Engine.Rule(Engine.SAME_FAMILY_NAME, "Same family name", 60, "family", true),
                    new Engine.Rule(Engine.CO_WORKER, "Co-worker", 60, "co-worker", true),
                    new Engine.Rule(Engine.VIP, "VIP", 40, "vip", true),
                    new Engine.Rule(Engine.DECEASED, "Deceased", 50, "deceased", true),
                    new Engine.Rule(Engine.AFTER_DISCHARGE, "After discharge", 25, "after discharge", true),
                    new Engine.Rule(Engine.VOLUME, "Volume", 40, "volume", true),
                    new Engine.Rule(Engine.OFF_HOURS, "Off-hours", 15, "off hours", true));
        }
    }
}
