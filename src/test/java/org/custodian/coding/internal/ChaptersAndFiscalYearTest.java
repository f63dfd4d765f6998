package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.FiscalYear;
import org.junit.jupiter.api.Test;

/** Fiscal years, chapters and sections, and the order file's fixed-width layout. */
class ChaptersAndFiscalYearTest {

    @Test
    void fiscalYearStartsOnFirstOctober() {
        assertThat(FiscalYear.of(LocalDate.of(2025, 9, 30))).isEqualTo(2025);
        assertThat(FiscalYear.of(LocalDate.of(2025, 10, 1))).isEqualTo(2026);
        assertThat(FiscalYear.of(LocalDate.of(2026, 9, 30))).isEqualTo(2026);
        assertThat(FiscalYear.start(2026)).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(FiscalYear.end(2026)).isEqualTo(LocalDate.of(2026, 9, 30));
    }

    @Test
    void chaptersFollowTheTabularRangesIncludingTheirEdges() {
        Map<String, String> expected = Map.of("A00", "1", "B99", "1", "D49", "2", "D50", "3", "H59", "7", "H60", "8",
                "O9A", "15", "QA0", "17", "U07", "22", "Z99", "21");
        expected.forEach((code, chapter) -> assertThat(Chapters.cmChapter(code)).as(code).startsWith("Chapter " + chapter + ":"));
        assertThat(Chapters.cmChapter("S72009A")).startsWith("Chapter 19:");
        assertThat(Chapters.pcsSection("0DTJ4ZZ")).isEqualTo("Section 0: Medical and Surgical");
        assertThat(Chapters.pcsSection("XW033E5")).isEqualTo("Section X: New Technology");
        assertThat(Chapters.pcsSection("BW03ZZZ")).isEqualTo("Section B: Imaging");
    }

    @Test
    void everyCodeOfTheBundledSetsHasAChapterOrSection() {
        for (String system : new String[] {"icd10cm", "icd10pcs"}) {
            CodeSystem s = CodeSystem.byId(system).orElseThrow();
            for (String code : OrderFiles.codes(system, 2026).keySet()) {
                assertThat(Chapters.of(s, code)).as(code).isNotEqualTo("Unclassified");
            }
        }
    }

    @Test
    void orderFileLinesParseByColumn() {
        var e = OrderFile.line(CodeSystem.ICD10CM, 2026,
                "00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera due to Vibrio cholerae 01, biovar cholerae", 2);
        assertThat(e.orderNumber()).isEqualTo(2);
        assertThat(e.code()).isEqualTo("A000");
        assertThat(e.dotted()).isEqualTo("A00.0");
        assertThat(e.billable()).isTrue();
        assertThat(e.shortDescription()).isEqualTo("Cholera due to Vibrio cholerae 01, biovar cholerae");
        assertThat(e.longDescription()).isEqualTo("Cholera due to Vibrio cholerae 01, biovar cholerae");
        assertThatThrownBy(() -> OrderFile.line(CodeSystem.ICD10PCS, 2026,
                "00002 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae           Cholera", 7))
                .hasMessageContaining("line 7").hasMessageContaining("not an ICD-10-PCS code");
        assertThat(OrderFile.identify("dir/icd10pcs_order_2027.txt")).hasValueSatisfying(id -> {
            assertThat(id[0]).isEqualTo(CodeSystem.ICD10PCS);
            assertThat(id[1]).isEqualTo(2027);
        });
        assertThat(OrderFile.identify("icd10cm_order_addenda_2026.txt")).isEmpty();
    }
}
