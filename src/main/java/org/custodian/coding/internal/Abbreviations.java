package org.custodian.coding.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Clinical abbreviations and lay terms as coders meet them in charts (CHF, T2DM, "heart attack"),
 * rewritten into the words CMS's descriptions use. The table, reference/coding/clinical-terms.tsv,
 * was compiled by the project (see reference/PROVENANCE.md).
 */
final class Abbreviations {

    static final String RESOURCE = "reference/coding/clinical-terms.tsv";
    private static final int MAX_WORDS = 4;

    private static volatile Abbreviations bundled;

    private final Map<String, String[]> expansions;

    Abbreviations(Map<String, String[]> expansions) {
        this.expansions = expansions;
    }

    static Abbreviations bundled() {
        Abbreviations a = bundled;
        if (a == null) {
            try (InputStream in = Abbreviations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                a = bundled = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return a;
    }

    /** Lines {@code term<TAB>expansion}; '#' starts a comment. */
    static Abbreviations parse(InputStream in) throws IOException {
        Map<String, String[]> map = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != 2) {
                throw new IllegalArgumentException(RESOURCE + ": expected term<TAB>expansion: " + line);
            }
            map.put(String.join(" ", words(parts[0])), words(parts[1]));
        }
        return new Abbreviations(map);
    }

    /** The query's words, lower case, with known abbreviations and lay terms replaced (longest first). */
    List<String> expand(String query) {
        String[] words = words(query);
        List<String> out = new ArrayList<>(words.length + 4);
        int i = 0;
        while (i < words.length) {
            boolean replaced = false;
            for (int n = Math.min(MAX_WORDS, words.length - i); n >= 1 && !replaced; n--) {
                String[] e = expansions.get(String.join(" ", Arrays.copyOfRange(words, i, i + n)));
                if (e != null) {
                    out.addAll(Arrays.asList(e));
                    i += n;
                    replaced = true;
                }
            }
            if (!replaced) {
                out.add(words[i++]);
            }
        }
        return uncontrolledDiabetes(out);
    }

    /**
     * The ICD-10-CM Alphabetic Index: "Diabetes, uncontrolled — meaning hyperglycemia — see
     * Diabetes, by type, with hyperglycemia"; likewise "poorly controlled", "out of control" and
     * "inadequately controlled". Only beside diabetes: uncontrolled hypertension is plain hypertension.
     */
    static List<String> uncontrolledDiabetes(List<String> words) {
        if (!words.contains("diabetes") && !words.contains("diabetic")) {
            return words;
        }
        String joined = " " + String.join(" ", words) + " ";
        String rewritten = joined.replace(" out of control ", " hyperglycemia ")
                .replace(" poorly controlled ", " hyperglycemia ").replace(" inadequately controlled ", " hyperglycemia ")
                .replace(" uncontrolled ", " hyperglycemia ");
        return rewritten.equals(joined) ? words : new ArrayList<>(Arrays.asList(rewritten.trim().split(" ")));
    }

    static String[] words(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
        return t.isEmpty() ? new String[0] : t.split(" ");
    }
}
