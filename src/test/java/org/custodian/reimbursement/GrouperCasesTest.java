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
            if (!wrong.isEmpty()) {
                failures.add(tsv.get(f, "case_id") + wrong + " | " + line + " | " + r.explanation().formula());
            }
        }
        System.out.println("MS-DRG v43 agreement with CMS on " + n + " claims:");
        for (String field : FIELDS) {
            int a = agree.getOrDefault(field, 0);
            System.out.printf("  %-15s %5d / %d  %.2f%%%n", field, a, n, 100.0 * a / n);
        }
        if (!failures.isEmpty()) {
            System.out.println("Disagreements by field and case source: " + categories);
            failures.stream().limit(Integer.getInteger("grouper.showFailures", 40)).forEach(System.out::println);
        }
        assertThat(failures).as("claims where the grouper disagrees with CMS").isEmpty();
    }
}
