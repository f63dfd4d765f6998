package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeSetSummary;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bundled FY2025/FY2026 sets as loaded at start-up: counts equal CMS's files, reloading
 * changes nothing, a bad file changes nothing, and validity follows the discharge date's fiscal year.
 */
@CustodianTest
class CodeSetsIT {

    @Autowired CodeSets codeSets;
    @Autowired CodeSetLoader loader;
    @Autowired JdbcClient jdbc;

    @Test
    void loadedCountsEqualTheCountsOfCmsFiles() {
        for (CodeSystem system : CodeSystem.values()) {
            for (int fy : new int[] {2025, 2026}) {
                Map<String, Boolean> file = OrderFiles.codes(system.id(), fy);
                CodeSetSummary set = codeSets.loaded().stream()
                        .filter(s -> s.system() == system && s.fiscalYear() == fy).findFirst().orElseThrow();
                assertThat(set.codes()).as(system + " FY" + fy + " codes").isEqualTo(file.size());
                assertThat(set.billable()).as(system + " FY" + fy + " billable").isEqualTo(OrderFiles.billable(file));
                assertThat(set.headers()).isEqualTo(file.size() - OrderFiles.billable(file));
                long rows = jdbc.sql("select count(*) from coding_code where system = ? and fiscal_year = ? and billable")
                        .params(system.id(), fy).query(Long.class).single();
                assertThat(rows).as("billable rows").isEqualTo(OrderFiles.billable(file));
            }
        }
    }

    @Test
    void reloadingTheSameFileChangesNothing(@TempDir Path dir) throws Exception {
        String resource = OrderFiles.resource("icd10pcs", 2026);
        Files.copy(getClass().getClassLoader().getResourceAsStream(resource), dir.resolve("icd10pcs_order_2026.txt.gz"));
        var before = jdbc.sql("select loaded_at::text from coding_code_set where system = 'icd10pcs' and fiscal_year = 2026")
                .query(String.class).single();
        long rows = count("icd10pcs", 2026);
        List<CodeSetLoader.Outcome> outcomes = loader.loadDirectory(dir);
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.changed()).isFalse();
            assertThat(o.codes()).isEqualTo(OrderFiles.codes("icd10pcs", 2026).size());
        });
        assertThat(count("icd10pcs", 2026)).isEqualTo(rows);
        assertThat(jdbc.sql("select loaded_at::text from coding_code_set where system = 'icd10pcs' and fiscal_year = 2026")
                .query(String.class).single()).isEqualTo(before);
        assertThat(loader.loadBundledIfMissing()).as("start-up finds every bundled set present").isEmpty();
    }

    @Test
    void aFileWithOneBadLineLoadsNothing() throws Exception {
        String good = "00001 A00     0 Cholera                                                      Cholera\n";
        String bad = "00002 A000    X Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio\n";
        assertThatThrownBy(() -> loader.load(CodeSystem.ICD10CM, 2090, "test", () -> stream(good + bad)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2").hasMessageContaining("column 15");
        assertThat(count("icd10cm", 2090)).isZero();
        assertThat(codeSets.loaded()).noneMatch(s -> s.fiscalYear() == 2090);
    }

    @Test
    void aCodeDeletedInFy2026IsValidOn30September2025AndNotOn1October2025() {
        Map<String, Boolean> fy2025 = OrderFiles.codes("icd10cm", 2025);
        Map<String, Boolean> fy2026 = OrderFiles.codes("icd10cm", 2026);
        String deleted = fy2025.entrySet().stream().filter(e -> e.getValue() && !fy2026.containsKey(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String added = fy2026.entrySet().stream().filter(e -> e.getValue() && !fy2025.containsKey(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        LocalDate lastDayOfFy2025 = LocalDate.of(2025, 9, 30);
        LocalDate firstDayOfFy2026 = LocalDate.of(2025, 10, 1);
        assertThat(codeSets.isValid(CodeSystem.ICD10CM, deleted, lastDayOfFy2025)).as(deleted).isTrue();
        assertThat(codeSets.isValid(CodeSystem.ICD10CM, deleted, firstDayOfFy2026)).as(deleted).isFalse();
        assertThat(codeSets.isValid(CodeSystem.ICD10CM, added, lastDayOfFy2025)).as(added).isFalse();
        assertThat(codeSets.isValid(CodeSystem.ICD10CM, added, firstDayOfFy2026)).as(added).isTrue();
        // The dotted form is the same code.
        String dotted = CodeSystem.ICD10CM.dotted(added);
        assertThat(codeSets.isValid(CodeSystem.ICD10CM, dotted, firstDayOfFy2026)).as(dotted).isTrue();
    }

    @Test
    void aPcsCodeDeletedInFy2026FollowsTheSameBoundary() {
        Map<String, Boolean> fy2025 = OrderFiles.codes("icd10pcs", 2025);
        Map<String, Boolean> fy2026 = OrderFiles.codes("icd10pcs", 2026);
        String deleted = fy2025.entrySet().stream().filter(e -> e.getValue() && !fy2026.containsKey(e.getKey()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertThat(codeSets.isValid(CodeSystem.ICD10PCS, deleted, LocalDate.of(2025, 9, 30))).isTrue();
        assertThat(codeSets.isValid(CodeSystem.ICD10PCS, deleted, LocalDate.of(2025, 10, 1))).isFalse();
    }

    @Test
    void headerCodesAreKnownButNeverValid() {
        Map<String, Boolean> fy2026 = OrderFiles.codes("icd10cm", 2026);
        List<String> headers = fy2026.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).limit(50).toList();
        LocalDate discharge = LocalDate.of(2026, 3, 1);
        for (String header : headers) {
            CodeEntry entry = codeSets.find(CodeSystem.ICD10CM, header, discharge).orElseThrow();
            assertThat(entry.billable()).as(header).isFalse();
            assertThat(codeSets.isValid(CodeSystem.ICD10CM, header, discharge)).as(header).isFalse();
        }
        CodeEntry e1165 = codeSets.find(CodeSystem.ICD10CM, "E11.65", discharge).orElseThrow();
        assertThat(e1165.billable()).isTrue();
        assertThat(e1165.dotted()).isEqualTo("E11.65");
        assertThat(e1165.chapter()).startsWith("Chapter 4:");
        assertThat(codeSets.find(CodeSystem.ICD10PCS, "0DTJ4ZZ", discharge).orElseThrow().chapter())
                .isEqualTo("Section 0: Medical and Surgical");
        assertThat(codeSets.isValid(CodeSystem.ICD10CM, "E11.65", LocalDate.of(2030, 1, 1))).as("FY not loaded").isFalse();
    }

    private long count(String system, int fy) {
        return jdbc.sql("select count(*) from coding_code where system = ? and fiscal_year = ?").params(system, fy)
                .query(Long.class).single();
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static InputStream gunzip(InputStream in) throws java.io.IOException {
        return new GZIPInputStream(in);
    }
}
