package org.custodian.practicum.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.CodingEdit;
import org.custodian.coding.CodingEdits;
import org.custodian.practicum.Grade;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;

/**
 * Grades a coding exercise per code and per chart. A chart scores
 * <pre>
 *   100 × (0.40 × principal right
 *        + 0.30 × secondaries F1      (2 × found / (expected + given); 1 when both are empty)
 *        + 0.15 × POA right / expected diagnoses the student coded (0 when none was coded)
 *        + 0.15 × procedures F1)      (1 when none expected and none given)
 * </pre>
 * (0 for a chart left uncoded) and the exercise the mean of its charts, to one decimal. Precision and recall are over every code,
 * wherever it was placed (the principal's place is scored by its own term): found / given and
 * found / expected. The coding edits (the same ones a coder sees, via {@link CodingEdits}) run on the
 * student's abstract of each chart, and those still standing are listed with their rule.
 *
 * <p>Answers are keyed {@code C1.pdx}, {@code C1.pdxPoa}, {@code C1.sdx0..}, {@code C1.sdxPoa0..},
 * {@code C1.px0..}; an absent field is an empty one.
 */
final class CodingGrader {

    static final int SECONDARY_ROWS = 6;
    static final int PROCEDURE_ROWS = 3;

    private CodingGrader() {
    }

    /** A student's abstract of one chart, normalised (upper case, dotted diagnoses). */
    record Coded(String pdx, String pdxPoa, List<String[]> secondaries, List<String> procedures) {
    }

    static Coded coded(String item, Map<String, String> answers) {
        String pdx = dx(answers.get(item + ".pdx"));
        List<String[]> sdx = new ArrayList<>();
        for (int i = 0; i < SECONDARY_ROWS; i++) {
            String code = dx(answers.get(item + ".sdx" + i));
            if (code != null) {
                sdx.add(new String[] {code, poa(answers.get(item + ".sdxPoa" + i))});
            }
        }
        List<String> px = new ArrayList<>();
        for (int i = 0; i < PROCEDURE_ROWS; i++) {
            String code = answers.get(item + ".px" + i);
            if (code != null && !code.isBlank()) {
                px.add(CodeSystem.normalize(code));
            }
        }
        return new Coded(pdx, poa(answers.get(item + ".pdxPoa")), sdx, px);
    }

    private static String dx(String code) {
        return code == null || code.isBlank() ? null : CodeSystem.ICD10CM.dotted(code);
    }

    private static String poa(String poa) {
        return poa == null ? "" : poa.strip().toUpperCase(java.util.Locale.ROOT);
    }

    static Grade grade(List<WorkItem> items, List<KeyEntry> key, Map<String, String> answers, CodingEdits edits) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double total = 0;
        List<Grade.Miss> misses = new ArrayList<>();
        List<Grade.Part> parts = new ArrayList<>();
        List<Grade.Edit> unresolved = new ArrayList<>();
        for (WorkItem item : items) {
            String id = item.id();
            String keyPdx = null;
            Map<String, String> keyPoa = new LinkedHashMap<>(); // expected diagnosis → POA
            Map<String, KeyEntry> keyDx = new LinkedHashMap<>();
            Map<String, KeyEntry> keyPx = new LinkedHashMap<>();
            Map<String, KeyEntry> notCoded = new LinkedHashMap<>();
            for (KeyEntry k : key) {
                if (!k.itemId().equals(id)) {
                    continue;
                }
                String[] a = k.answer().split(" ");
                switch (a[0]) {
                    case "PDX" -> {
                        keyPdx = a[1];
                        keyPoa.put(a[1], a[2]);
                        keyDx.put(a[1], k);
                    }
                    case "SDX" -> {
                        keyPoa.put(a[1], a[2]);
                        keyDx.put(a[1], k);
                    }
                    case "PX" -> keyPx.put(a[1], k);
                    case "NOT_CODED" -> notCoded.put(a[1], k);
                    default -> throw new IllegalStateException("coding key entry " + k.answer());
                }
            }
            Coded c = coded(id, answers);
            Map<String, String> givenPoa = new LinkedHashMap<>();
            if (c.pdx() != null) {
                givenPoa.put(c.pdx(), c.pdxPoa());
            }
            for (String[] s : c.secondaries()) {
                givenPoa.putIfAbsent(s[0], s[1]);
            }
            Set<String> givenPx = new LinkedHashSet<>(c.procedures());

            // Principal.
            boolean principalRight = keyPdx != null && keyPdx.equals(c.pdx());
            if (!principalRight) {
                misses.add(new Grade.Miss(id, c.pdx() == null ? "no principal diagnosis" : "principal " + c.pdx(),
                        "principal " + keyPdx, CodingExerciseGenerator.PRINCIPAL, CodingExerciseGenerator.PRINCIPAL_RULE));
            }
            // Secondaries, position-free apart from the principal's own place.
            Set<String> keySdx = new LinkedHashSet<>(keyDx.keySet());
            keySdx.remove(keyPdx);
            Set<String> givenSdx = new LinkedHashSet<>();
            c.secondaries().forEach(s -> givenSdx.add(s[0]));
            givenSdx.remove(c.pdx());
            int sdxFound = (int) keySdx.stream().filter(givenSdx::contains).count();
            double sdxF1 = keySdx.isEmpty() && givenSdx.isEmpty() ? 1.0 : 2.0 * sdxFound / (keySdx.size() + givenSdx.size());

            // Every expected diagnosis, found anywhere, or missed; every given one not expected.
            int poaRight = 0;
            int poaCounted = 0;
            for (Map.Entry<String, KeyEntry> k : keyDx.entrySet()) {
                String code = k.getKey();
                if (givenPoa.containsKey(code)) {
                    tp++;
                    poaCounted++;
                    if (givenPoa.get(code).equals(keyPoa.get(code))) {
                        poaRight++;
                    } else {
                        misses.add(new Grade.Miss(id, code + " POA " + blankAsDash(givenPoa.get(code)),
                                code + " POA " + keyPoa.get(code), k.getValue().planted(), CodingExerciseGenerator.POA_RULE));
                    }
                } else {
                    fn++;
                    if (!code.equals(keyPdx)) { // a missed principal is already listed above
                        misses.add(new Grade.Miss(id, "not coded", code + " POA " + keyPoa.get(code), k.getValue().planted(),
                                k.getValue().rule()));
                    }
                }
            }
            for (String code : givenPoa.keySet()) {
                if (!keyDx.containsKey(code)) {
                    fp++;
                    KeyEntry trap = notCoded.get(code);
                    misses.add(new Grade.Miss(id, code, "not coded", trap != null ? trap.planted() : "EXTRA_CODE",
                            trap != null ? trap.rule() : "not a condition the record documents for this stay: code only what "
                                    + "the provider documents (ICD-10-CM Official Guidelines, Section III)"));
                }
            }
            double poaScore = poaCounted == 0 ? 0.0 : poaRight / (double) poaCounted;

            // Procedures.
            int pxFound = 0;
            for (Map.Entry<String, KeyEntry> k : keyPx.entrySet()) {
                if (givenPx.contains(k.getKey())) {
                    pxFound++;
                    tp++;
                } else {
                    fn++;
                    misses.add(new Grade.Miss(id, "not coded", k.getKey(), k.getValue().planted(), k.getValue().rule()));
                }
            }
            for (String code : givenPx) {
                if (!keyPx.containsKey(code)) {
                    fp++;
                    misses.add(new Grade.Miss(id, code, "not coded", "EXTRA_PROCEDURE", keyPx.isEmpty()
                            ? "no procedure is documented in this stay" : "the documented procedure is "
                            + String.join(", ", keyPx.keySet()) + ": " + CodingExerciseGenerator.PROCEDURE_RULE));
                }
            }
            double pxF1 = keyPx.isEmpty() && givenPx.isEmpty() ? 1.0 : 2.0 * pxFound / (keyPx.size() + givenPx.size());

            // A chart left uncoded scores nothing (not the procedures term of a stay without procedures).
            double chart = givenPoa.isEmpty() && givenPx.isEmpty() ? 0.0
                    : 100 * (0.40 * (principalRight ? 1 : 0) + 0.30 * sdxF1 + 0.15 * poaScore + 0.15 * pxF1);
            total += chart;
            parts.add(new Grade.Part(id, round(chart), "principal " + (principalRight ? "right" : "wrong") + "; secondaries "
                    + sdxFound + " of " + keySdx.size() + " found, " + (givenSdx.size() - sdxFound) + " extra; POA " + poaRight
                    + " of " + poaCounted + " right; procedures " + pxFound + " of " + keyPx.size() + " found, "
                    + (givenPx.size() - pxFound) + " extra"));

            for (CodingEdit e : edits.check(abstractOf(c, item), stayOf(item))) {
                unresolved.add(new Grade.Edit(id, e.rule(), e.severity().name(), e.field(), e.code(), e.message(), e.source()));
            }
        }
        double precision = tp + fp == 0 ? 0.0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 1.0 : tp / (double) (tp + fn);
        double score = items.isEmpty() ? 0.0 : round(total / items.size());
        return new Grade(score, precision, recall, tp, fp, fn, 0, misses, parts, unresolved);
    }

    private static String blankAsDash(String poa) {
        return poa.isEmpty() ? "blank" : poa;
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }

    /**
     * The student's codes as an abstract. The student enters procedure codes only; each takes the
     * procedure date the chart documents (the admission date when none), so the date edits judge the
     * codes, not a date field the exercise does not ask for.
     */
    static CodingEdits.Abstract abstractOf(Coded c, WorkItem item) {
        String date = item.left().getOrDefault(CodingExerciseGenerator.PROCEDURE_DATE, item.left().get(CodingExerciseGenerator.ADMITTED));
        LocalDate on = LocalDate.parse(date);
        List<CodingEdits.Procedure> px = c.procedures().stream().map(p -> new CodingEdits.Procedure(p, on)).toList();
        return new CodingEdits.Abstract(c.pdx() == null ? null : new CodingEdits.Diagnosis(c.pdx(), c.pdxPoa()),
                c.secondaries().stream().map(s -> new CodingEdits.Diagnosis(s[0], s[1])).toList(),
                px.isEmpty() ? null : px.get(0), px.size() < 2 ? List.of() : px.subList(1, px.size()));
    }

    static CodingEdits.Stay stayOf(WorkItem item) {
        Map<String, String> f = item.left();
        return new CodingEdits.Stay(LocalDate.parse(f.get(CodingExerciseGenerator.ADMITTED)),
                LocalDate.parse(f.get(CodingExerciseGenerator.DISCHARGED)), true, Integer.parseInt(f.get(CodingExerciseGenerator.AGE)),
                f.get(CodingExerciseGenerator.SEX));
    }
}
