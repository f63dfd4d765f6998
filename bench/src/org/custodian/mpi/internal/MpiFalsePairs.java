package org.custodian.mpi.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * mpi-eval's linkage of a FEBRL-format file with a sample of its false links and missed pairs
 * printed with their field contributions: where a model goes wrong. Usage: -Dbench.file=F.csv [-Dbench.show=10]
 */
public final class MpiFalsePairs {

    public static void main(String[] args) throws Exception {
        List<MpiRecord> records = FebrlCsv.read(List.of(Path.of(System.getProperty("bench.file"))));
        Linkage l = new MatchEngine(MpiSettings.DEFAULTS).link(records, System.out);
        int show = Integer.getInteger("bench.show", 10);
        PairMetrics m = PairMetrics.of(l, records.stream().map(r -> FebrlCsv.entity(r.id())).toList());
        MpiCommands.print(new MpiCommands.Evaluation(records.size(), m, l.model(), 0), MpiSettings.DEFAULTS);
        java.util.Map<String, Integer> missed = new java.util.TreeMap<>();
        int shownMissed = 0;
        for (int p = 0; p < l.keptPairs(); p++) {
            boolean same = FebrlCsv.entity(records.get(l.first(p)).id()).equals(FebrlCsv.entity(records.get(l.second(p)).id()));
            if (same && l.decision(p) != MatchDecision.LINK) {
                missed.merge(FamilyRules.reason(l.pattern(p)) + " " + l.decision(p), 1, Integer::sum);
                if (shownMissed++ < show / 2) {
                    System.out.printf(Locale.ROOT, "MISSED %s %.1f %s%n  %s%n  %s%n", l.decision(p), l.weight(p), FamilyRules.reason(l.pattern(p)),
                            records.get(l.first(p)), records.get(l.second(p)));
                    l.explain(p).forEach(c -> System.out.printf(Locale.ROOT, "    %-13s %-18s %+.1f%n", c.field(), c.levelName(), c.weight()));
                }
            }
        }
        System.out.println("true pairs kept but not linked, by household rule: " + missed);
        MatchEngine engine = new MatchEngine(MpiSettings.DEFAULTS);
        java.util.Map<String, List<MpiRecord>> byEntity = new java.util.HashMap<>();
        records.forEach(r -> byEntity.computeIfAbsent(FebrlCsv.entity(r.id()), k -> new java.util.ArrayList<>()).add(r));
        java.util.Map<String, Integer> ruled = new java.util.TreeMap<>();
        int shownRuled = 0;
        for (List<MpiRecord> group : byEntity.values()) {
            for (int i = 0; i < group.size(); i++) {
                for (int j = i + 1; j < group.size(); j++) {
                    long pattern = engine.compare(group.get(i), group.get(j));
                    if (FamilyRules.verdict(pattern, l.households()) != FamilyRules.Verdict.ANY) {
                        ruled.merge(FamilyRules.reason(pattern) + " " + FamilyRules.verdict(pattern, l.households()), 1, Integer::sum);
                        if (shownRuled++ < show) {
                            System.out.printf(Locale.ROOT, "RULED %s%n  %s%n  %s%n", FamilyRules.reason(pattern), group.get(i), group.get(j));
                        }
                    }
                }
            }
        }
        System.out.println("true pairs a household rule holds back: " + ruled);
        int fp = 0;
        int rv = 0;
        for (int p = 0; p < l.keptPairs(); p++) {
            boolean same = FebrlCsv.entity(records.get(l.first(p)).id()).equals(FebrlCsv.entity(records.get(l.second(p)).id()));
            MatchDecision d = l.decision(p);
            if (!same && (d == MatchDecision.LINK && fp++ < show || d == MatchDecision.REVIEW && rv++ < show / 2)) {
                System.out.printf(Locale.ROOT, "FALSE %s %.1f%n  %s%n  %s%n", d, l.weight(p), records.get(l.first(p)), records.get(l.second(p)));
                l.explain(p).forEach(c -> System.out.printf(Locale.ROOT, "    %-13s %-18s %+.1f%n", c.field(), c.levelName(), c.weight()));
            }
        }
    }
}
