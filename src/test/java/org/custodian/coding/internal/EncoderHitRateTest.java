package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.custodian.coding.CodeHit;
import org.custodian.coding.CodeSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The encoder against clinical phrases a coder types (plain words, abbreviations, misspellings)
 * kept in coding/encoder-phrases.tsv: the wanted code must be among the first five hits for at
 * least 95% of them. Runs on the bundled FY2026 ICD-10-CM set without a database.
 */
class EncoderHitRateTest {

    record Phrase(String query, List<String> codes) {
    }

    static CodeIndex cm2026;

    @BeforeAll
    static void index() throws IOException {
        cm2026 = CodeIndex.fromOrderFile(CodeSystem.ICD10CM, 2026, bundled("reference/icd10cm/2026/icd10cm_order_2026.txt.gz"));
    }

    static InputStream bundled(String resource) throws IOException {
        return new GZIPInputStream(EncoderHitRateTest.class.getClassLoader().getResourceAsStream(resource));
    }

    static List<Phrase> phrases(String resource) throws IOException {
        List<Phrase> phrases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                EncoderHitRateTest.class.getClassLoader().getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] parts = line.split("\t");
                    phrases.add(new Phrase(parts[0], Arrays.asList(parts[1].split("\\|"))));
                }
            }
        }
        return phrases;
    }

    @Test
    void theWantedCodeIsInTheFirstFiveForAtLeast95PercentOfPhrases() throws IOException {
        List<Phrase> phrases = phrases("coding/encoder-phrases.tsv");
        assertThat(phrases).hasSizeGreaterThanOrEqualTo(100);
        assertThat(hitRate("ICD-10-CM", cm2026, phrases)).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void procedurePhrasesFindTheirPcsCode() throws IOException {
        CodeIndex pcs2026 = CodeIndex.fromOrderFile(CodeSystem.ICD10PCS, 2026,
                bundled("reference/icd10pcs/2026/icd10pcs_order_2026.txt.gz"));
        assertThat(hitRate("ICD-10-PCS", pcs2026, phrases("coding/encoder-phrases-pcs.tsv"))).isGreaterThanOrEqualTo(90.0);
    }

    private static double hitRate(String set, CodeIndex index, List<Phrase> phrases) {
        List<String> misses = new ArrayList<>();
        int hits = 0;
        for (Phrase p : phrases) {
            List<CodeHit> top = index.search(p.query(), 5);
            if (top.stream().anyMatch(h -> p.codes().contains(h.code()))) {
                hits++;
            } else {
                misses.add(p.query() + " → wanted " + p.codes() + ", got "
                        + top.stream().map(h -> h.code() + " " + h.description()).toList());
            }
        }
        double rate = 100.0 * hits / phrases.size();
        System.out.printf("Encoder top-5 hit rate, %s: %d/%d = %.1f%%%n", set, hits, phrases.size(), rate);
        misses.forEach(m -> System.out.println("  miss: " + m));
        return rate;
    }

    @Test
    void aCodePrefixFindsTheCodeWithOrWithoutTheDot() {
        for (String q : List.of("E11.6", "E116", "e11.6")) {
            List<CodeHit> hits = cm2026.search(q, 10);
            assertThat(hits).as(q).isNotEmpty();
            assertThat(hits.get(0).code()).as(q).isEqualTo("E11.6");
            assertThat(hits).extracting(CodeHit::code).allMatch(c -> c.startsWith("E11.6"));
        }
        assertThat(cm2026.search("E11.65", 5).get(0)).isEqualTo(new CodeHit("E11.65",
                "Type 2 diabetes mellitus with hyperglycemia", true,
                "Chapter 4: Endocrine, nutritional and metabolic diseases (E00-E89)"));
    }

    @Test
    void headersAreMarkedAndBillableCodesRankAboveThem() {
        CodeHit header = cm2026.search("E11", 1).get(0);
        assertThat(header.code()).isEqualTo("E11");
        assertThat(header.billable()).isFalse();
        assertThat(cm2026.search("type 2 diabetes mellitus", 1).get(0).billable()).isTrue();
    }

    @Test
    void wordsMatchInAnyOrder() {
        assertThat(cm2026.search("hyperglycemia diabetes type 2", 3)).extracting(CodeHit::code).contains("E11.65");
    }

    @Test
    void nonsenseFindsNothingAndBlankQueriesNothing() {
        assertThat(cm2026.search("qqqqqqqq zzzzzzzz", 5)).isEmpty();
        assertThat(cm2026.search("   ", 5)).isEmpty();
    }
}
