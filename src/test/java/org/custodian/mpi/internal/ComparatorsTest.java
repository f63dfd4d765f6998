package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.junit.jupiter.api.Test;

/**
 * The scan's allocation-free comparators must say exactly what the library ones said, since the
 * agreement levels (and so m, u and every weight) depend on them.
 */
class ComparatorsTest {

    private static final String[] NAMES = {"william", "wiliam", "bill", "smith", "smyth", "martinez", "martine", "jones",
            "johnson", "jonson", "mary", "amy", "katherine", "kathryn", "o'brien", "obrien", "de la cruz", "dela cruz",
            "hippo", "elephant", "frog", "fog", "a", "ab", "ba", "", "main st", "maple st", "19700305", "19700503"};

    @Test
    void jaroWinklerIsCommonsTexts() {
        JaroWinklerSimilarity library = new JaroWinklerSimilarity();
        for (String a : NAMES) {
            for (String b : NAMES) {
                assertThat(Comparators.jaroWinkler(a, b)).as(a + " / " + b).isEqualTo(library.apply(a, b));
            }
        }
        Random r = new Random(7);
        for (int k = 0; k < 20_000; k++) {
            String a = random(r);
            String b = r.nextBoolean() ? random(r) : typo(a, r);
            assertThat(Comparators.jaroWinkler(a, b)).as(a + " / " + b).isEqualTo(library.apply(a, b));
        }
    }

    @Test
    void oneSlipIsEditDistanceOneOrAnAdjacentSwap() {
        LevenshteinDistance withinOne = new LevenshteinDistance(1);
        Random r = new Random(11);
        int slips = 0;
        for (int k = 0; k < 20_000; k++) {
            String a = random(r).replace('a', '1');
            String b = r.nextInt(3) == 0 ? random(r) : typo(a, r);
            Integer d = withinOne.apply(a, b);
            boolean expected = d != null && d >= 0 && d <= 1 || Comparators.adjacentTransposition(a, b);
            assertThat(Comparators.oneSlip(a, b)).as(a + " / " + b).isEqualTo(expected);
            slips += expected ? 1 : 0;
        }
        assertThat(slips).as("the sample has slips and non-slips").isBetween(1_000, 19_000);
        assertThat(Comparators.birthDate("19700305", "19700503")).isEqualTo(3);
        assertThat(Comparators.birthDate("19700305", "19700306")).isEqualTo(2);
        assertThat(Comparators.birthDate("19700305", "19710306")).isEqualTo(1);
    }

    private static String random(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('a' + r.nextInt(6)));
        }
        return sb.toString();
    }

    /** One or two clerk's slips: a substitution, insertion, deletion or swap of neighbours. */
    private static String typo(String s, Random r) {
        StringBuilder sb = new StringBuilder(s);
        for (int t = 1 + r.nextInt(2); t > 0; t--) {
            int i = sb.isEmpty() ? 0 : r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> { if (!sb.isEmpty()) sb.setCharAt(i, (char) ('a' + r.nextInt(6))); }
                case 1 -> sb.insert(i, (char) ('a' + r.nextInt(6)));
                case 2 -> { if (!sb.isEmpty()) sb.deleteCharAt(i); }
                default -> {
                    if (i + 1 < sb.length()) {
                        char c = sb.charAt(i);
                        sb.setCharAt(i, sb.charAt(i + 1));
                        sb.setCharAt(i + 1, c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
