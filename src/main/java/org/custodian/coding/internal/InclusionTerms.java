package org.custodian.coding.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.custodian.coding.CodeEntry;

/**
 * The ICD-10-CM tabular list's inclusion terms ("Pulmonary embolism NOS" under I26.99) and the
 * alphabetic index's terms ("Hypertension, hypertensive" → I10), taken from the FY2017 XML files:
 * the newest the project has. They only help the encoder find a code; whether
 * a code is valid is always judged by the fiscal year's own order file, so a term attached to a
 * code that no longer exists is simply never shown.
 */
final class InclusionTerms {

    /** The tabular's inclusion terms, and the alphabetic index's main terms and first subterms. */
    static final List<String> RESOURCES = List.of("reference/icd10cm/2017/inclusion-terms.tsv.gz",
            "reference/icd10cm/2017/index-terms.tsv.gz");

    private static volatile Map<String, List<String>> bundled;

    private InclusionTerms() {
    }

    /**
     * The terms as they apply to one fiscal year's set. Where a FY2017 code has since been
     * subdivided (I82.40 "DVT NOS" → I82.401 … I82.409), its terms also go to the subdivision the
     * tabular would default to: the billable descendant with the most "unspecified" in its
     * description, then the shortest, then the first in CMS's order.
     */
    static Map<String, List<String>> forSet(CodeEntry[] entries, Map<String, List<String>> terms) {
        if (terms.isEmpty()) {
            return terms;
        }
        Map<String, List<String>> result = new HashMap<>(terms);
        for (int i = 0; i < entries.length; i++) {
            CodeEntry header = entries[i];
            List<String> own = terms.get(header.code());
            if (header.billable() || own == null) {
                continue;
            }
            CodeEntry best = null;
            int bestScore = Integer.MIN_VALUE;
            for (int j = i + 1; j < entries.length && entries[j].code().startsWith(header.code()); j++) {
                CodeEntry c = entries[j];
                if (!c.billable()) {
                    continue;
                }
                int unspecified = c.longDescription().toLowerCase().split("unspecified", -1).length - 1;
                int score = unspecified * 100 - c.code().length();
                if (score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
            if (best != null) {
                List<String> merged = new ArrayList<>(result.getOrDefault(best.code(), List.of())); // never the shared list
                merged.addAll(own);
                result.put(best.code(), merged);
            }
        }
        return result;
    }

    /** Code without dot → its inclusion terms. */
    static Map<String, List<String>> bundled() {
        Map<String, List<String>> terms = bundled;
        if (terms == null) {
            terms = new HashMap<>();
            for (String resource : RESOURCES) {
            try (InputStream raw = InclusionTerms.class.getClassLoader().getResourceAsStream(resource)) {
                if (raw == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        terms.computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>()).add(line.substring(tab + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            }
            bundled = terms;
        }
        return terms;
    }
}
