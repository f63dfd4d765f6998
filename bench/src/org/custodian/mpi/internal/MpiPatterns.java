package org.custodian.mpi.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Tallies the field levels of false links and of true links: which patterns the errors share. */
public final class MpiPatterns {
    public static void main(String[] args) throws Exception {
        List<MpiRecord> records = FebrlCsv.read(List.of(Path.of(System.getProperty("bench.file"))));
        Linkage l = new MatchEngine(MpiSettings.DEFAULTS).link(records, null);
        Map<String, int[]> tally = new TreeMap<>();
        for (int p = 0; p < l.keptPairs(); p++) {
            boolean same = FebrlCsv.entity(records.get(l.first(p)).id()).equals(FebrlCsv.entity(records.get(l.second(p)).id()));
            MatchDecision d = l.decision(p);
            long pt = l.pattern(p);
            int[] lv = new int[MatchField.values().length];
            for (int f = 0; f < lv.length; f++) lv[f] = FellegiSunterModel.level(pt, f);
            String key = String.format("g%d f%d b%d ssn%d ph%d st%s %s", lv[0], lv[1], lv[2], lv[4], lv[11],
                    (lv[5] == 2 && lv[6] >= 1) ? "Y" : "n", FamilyRules.reason(pt));
            int[] c = tally.computeIfAbsent(key, k -> new int[4]);
            if (d == MatchDecision.LINK) c[same ? 0 : 1]++; else if (d == MatchDecision.REVIEW) c[same ? 2 : 3]++;
        }
        System.out.println("pattern  linkTrue linkFalse reviewTrue reviewFalse");
        tally.entrySet().stream().filter(e -> e.getValue()[1] + e.getValue()[3] >= Integer.getInteger("bench.min", 10) || e.getValue()[1] >= 5)
                .forEach(e -> System.out.printf("%-45s %6d %6d %6d %6d%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]));
    }
}
