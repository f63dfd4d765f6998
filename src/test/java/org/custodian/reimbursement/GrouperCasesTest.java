package org.custodian.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custodian.reimbursement.internal.ClaimsTsv;
import org.junit.jupiter.api.Test;

/**
 * All 4,000 claims of {@code shared/data/cms/ms-drg-v43/tests/grouper_cases_v430.tsv}, graded by
 * CMS's own v43.0 grouper: final DRG, initial DRG, MDC, medical/surgical, severity and return code
 * must agree on every claim. The expected columns are only compared, never consulted.
 */
class GrouperCasesTest {

    static final String[] FIELDS = {"final_drg", "initial_drg", "final_mdc", "final_medsurg", "final_severity",
        "final_grc"};

    /** The shared data directory, found by walking up from the working directory. */
    static Path sharedData() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/data not found above " + Path.of("").toAbsolutePath());
    }

    static Path casesFile() {
        return sharedData().resolve("cms/ms-drg-v43/tests/grouper_cases_v430.tsv");
    }

    static String actual(GroupingResult r, String field) {
        return switch (field) {
            case "final_drg" -> GroupingResult.drgCode(r.finalDrg());
            case "initial_drg" -> GroupingResult.drgCode(r.initialDrg());
            case "final_mdc" -> Integer.toString(r.finalMdc());
            case "final_medsurg" -> r.medicalSurgical();
            case "final_severity" -> r.severity();
            case "final_grc" -> r.returnCode();
            default -> throw new IllegalArgumentException(field);
        };
    }

    @Test
    void agreesWithCmsOnEveryClaim() throws IOException {
        List<String> lines = Files.readAllLines(casesFile());
        ClaimsTsv tsv = new ClaimsTsv(lines.get(0), LocalDate.of(2026, 1, 15));
        Grouper grouper = Grouper.bundled();
        Map<String, Integer> agree = new LinkedHashMap<>();
        Map<String, Integer> categories = new TreeMap<>();
        Map<String, Integer> extra = new LinkedHashMap<>();
        List<String> extraFailures = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            String[] f = line.split("\t", -1);
            GroupingResult r = grouper.group(tsv.parse(f));
            StringBuilder wrong = new StringBuilder();
            for (String field : FIELDS) {
                String expected = tsv.get(f, field);
                String got = actual(r, field);
                if (field.equals("final_mdc")) {
                    expected = Integer.toString(Integer.parseInt(expected));
                }
                if (expected.equals(got)) {
                    agree.merge(field, 1, Integer::sum);
                } else {
                    wrong.append(' ').append(field).append(' ').append(expected).append("≠").append(got);
                    categories.merge(field + " " + tsv.get(f, "source").replaceAll(":rank\\d+", ""), 1, Integer::sum);
                }
            }
            // beyond the six fields: initial MDC and return code, HAC status, each diagnosis's use, O.R. flags
            check(extra, extraFailures, "initial_mdc", Integer.toString(Integer.parseInt(tsv.get(f, "initial_mdc"))),
                    Integer.toString(r.initialMdc()), f);
            check(extra, extraFailures, "initial_grc", tsv.get(f, "initial_grc"), r.initialReturnCode(), f);
            check(extra, extraFailures, "hac_status", tsv.get(f, "hac_status"), r.hacStatus(), f);
            check(extra, extraFailures, "sdx_final_severity_usage", tsv.get(f, "sdx_final_severity_usage"), usage(r), f);
            check(extra, extraFailures, "proc O.R. flags", orFlags(tsv.get(f, "proc_flags")), orFlags(r), f);
            if (!wrong.isEmpty()) {
                failures.add(tsv.get(f, "case_id") + wrong + " | " + line + " | " + r.explanation().formula());
            }
        }
        System.out.println("MS-DRG v43 agreement with CMS on " + n + " claims:");
        for (String field : FIELDS) {
            int a = agree.getOrDefault(field, 0);
            System.out.printf("  %-15s %5d / %d  %.2f%%%n", field, a, n, 100.0 * a / n);
        }
        System.out.println("Also compared:");
        for (String field : List.of("initial_mdc", "initial_grc", "hac_status", "sdx_final_severity_usage",
                "proc O.R. flags")) {
            int a = extra.getOrDefault(field, 0);
            System.out.printf("  %-25s %5d / %d  %.2f%%%n", field, a, n, 100.0 * a / n);
        }
        extraFailures.stream().limit(Integer.getInteger("grouper.showFailures", 40)).forEach(System.out::println);
        if (!failures.isEmpty()) {
            System.out.println("Disagreements by field and case source: " + categories);
            failures.stream().limit(Integer.getInteger("grouper.showFailures", 40)).forEach(System.out::println);
        }
        assertThat(failures).as("claims where the grouper disagrees with CMS").isEmpty();
        assertThat(extraFailures).as("claims where the explanation disagrees with CMS's").isEmpty();
    }

    static void check(Map<String, Integer> agree, List<String> failures, String field, String expected, String actual,
            String[] line) {
        if (expected.equals(actual)) {
            agree.merge(field, 1, Integer::sum);
        } else {
            failures.add(line[0] + " " + field + ": CMS " + expected + " ≠ " + actual + " | " + String.join("\t", line));
        }
    }

    /** Each secondary diagnosis's use in CMS's words: CC, MCC, NEITHER, CC_EXCLUDED, …, "/HAC" when on a HAC list. */
    static String usage(GroupingResult r) {
        List<String> out = new ArrayList<>();
        for (DrgExplanation.DiagnosisRole d : r.explanation().secondaries()) {
            String role = switch (d.role()) {
                case "NONE", "HAC" -> "NEITHER";
                default -> d.role();
            };
            boolean hac = d.role().equals("HAC") || d.detail().contains("on a HAC list");
            out.add(d.code() + "=" + role + (hac ? "/HAC" : ""));
        }
        return String.join("|", out);
    }

    static String orFlags(String cms) {
        if (cms.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String p : cms.split("\\|")) {
            String[] kv = p.split("=");
            out.add(kv[0] + "=" + kv[1].split(",")[0]);
        }
        return String.join("|", out);
    }

    static String orFlags(GroupingResult r) {
        List<String> out = new ArrayList<>();
        for (DrgExplanation.ProcedureRole p : r.explanation().procedures()) {
            out.add(p.code() + "=" + (p.orProcedure() ? "OR" : "NOR"));
        }
        return String.join("|", out);
    }
}
