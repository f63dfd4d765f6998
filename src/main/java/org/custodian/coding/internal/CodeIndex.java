package org.custodian.coding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeHit;
import org.custodian.coding.CodeSystem;

/**
 * The encoder's in-memory Lucene index of one code set (one system, one fiscal year). Built once
 * per set; searches are read-only and need no lock.
 *
 * <p>Ranking. First, how many of the query's words a code matches — in its description or in the
 * tabular's inclusion terms, exactly, by stem, or (for a word the set does not contain) within one
 * or two edits, so that "pnuemonia" finds pneumonia. Each word scores a constant, not BM25: a word
 * repeated in a description ("diabetes ... diabetic") must not outrank a plainer code. Among codes
 * matching the same words a static prior decides, kept smaller than one word's weight: billable
 * before headers (a header can never be reported); the code the tabular lists the phrase under as
 * an inclusion term ("Pulmonary embolism NOS" → I26.99); shorter codes and descriptions (the more
 * general code is what a query naming no detail asks for); "unspecified" codes; and for injuries
 * the initial encounter (7th character A).
 */
public final class CodeIndex {

    static final String CODE = "code";
    static final String TEXT = "text";
    static final String RAW = "raw";
    static final String INCL = "incl";
    static final String NOS = "nos";
    static final String PRIOR = "prior";
    /** The words a description negates ("... without heart failure, with ..."). */
    static final String NEG = "neg";

    /** A code or the beginning of one: E11, E11.6, E116, e11.65 (and FY2026's QA0). */
    private static final Pattern CM_CODE = Pattern.compile("([A-Z][0-9]|QA)[0-9A-Z]?(\\.?[0-9A-Z]{0,4})?");
    /** PCS: up to seven characters of the PCS alphabet (no I, no O), with a digit. */
    private static final Pattern PCS_CODE = Pattern.compile("(?=.*[0-9])[0-9A-HJ-NP-Z]{1,7}");

    /** A word's weight: a base plus its rarity (idf, capped), so that "cellulitis" counts more than "left". */
    private static final float WORD = 4f;
    private static final float MAX_RARITY = 3f;
    /** Matching an inclusion term rather than the description itself counts a little less. */
    private static final float IN_INCLUSION_TERM = 1f;
    private static final float MISSPELT_WORD = 5f;
    private static final float TYPED_PREFIX = 5f;
    /** The tabular lists the query as a "NOS" inclusion term of the code: the default code for it. */
    private static final float NOS_PHRASE = 2f;
    /**
     * A code that does not negate any of the query's words. "Dementia with behavioral disturbance"
     * must not find "... without behavioral disturbance" first merely because it is shorter: the
     * words match either way, so without this the prior (shorter, "unspecified") decides.
     */
    private static final float NOT_NEGATED = 1.5f;
    private static final Pattern WITHOUT = Pattern.compile("\\bwithout\\b(.*?)(?=\\bwith\\b|$)");
    /** A query that itself negates something ("migraine without aura") asks for the negation. */
    private static final Pattern NEGATING_QUERY = Pattern.compile("(?i)\\b(without|w/o|wo|no|not|absent)\\b");

    private final CodeSystem system;
    private final int fiscalYear;
    private final CodeEntry[] entries;
    private final Analyzer analyzer;
    private final Analyzer stemmed = new ClinicalAnalyzer(true);
    private final Analyzer unstemmed = new ClinicalAnalyzer(false);
    private final Abbreviations abbreviations;
    private final IndexSearcher searcher;
    private final DirectoryReader reader;
    private final Terms rawTerms;
    private final Map<String, List<String>> corrected = new java.util.concurrent.ConcurrentHashMap<>();

    private CodeIndex(CodeSystem system, int fiscalYear, List<CodeEntry> entries, Abbreviations abbreviations,
            Map<String, List<String>> inclusionTerms) throws IOException {
        this.system = system;
        this.fiscalYear = fiscalYear;
        this.entries = entries.toArray(CodeEntry[]::new);
        this.abbreviations = abbreviations;
        this.analyzer = new PerFieldAnalyzerWrapper(stemmed, Map.of(RAW, unstemmed));
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        // One segment, never merged: a document's id is then its position in CMS's order, so a hit
        // maps straight to its entry without reading stored fields.
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setRAMBufferSizeMB(256)
                .setMergePolicy(NoMergePolicy.INSTANCE);
        inclusionTerms = InclusionTerms.forSet(this.entries, inclusionTerms);
        try (IndexWriter writer = new IndexWriter(dir, config)) {
            for (CodeEntry e : this.entries) {
                Document doc = new Document();
                doc.add(new StringField(CODE, e.code(), Field.Store.NO));
                doc.add(new TextField(TEXT, e.longDescription(), Field.Store.NO));
                doc.add(new TextField(RAW, e.longDescription(), Field.Store.NO));
                List<String> incl = inclusionTerms.getOrDefault(e.code(), List.of());
                for (String term : incl) {
                    doc.add(new TextField(INCL, term, Field.Store.NO));
                    doc.add(new TextField(RAW, term, Field.Store.NO));
                    doc.add(new StringField(NOS, key(stems(essential(term))), Field.Store.NO));
                }
                String negated = negated(e.longDescription());
                if (!negated.isEmpty()) {
                    doc.add(new TextField(NEG, negated, Field.Store.NO));
                }
                doc.add(new FeatureField(PRIOR, "general", prior(e)));
                writer.addDocument(doc);
            }
            writer.commit();
        }
        reader = DirectoryReader.open(dir);
        if (reader.leaves().size() != 1 || reader.maxDoc() != this.entries.length) {
            throw new IllegalStateException("encoder index is not one segment in CMS order");
        }
        searcher = new IndexSearcher(reader);
        rawTerms = reader.leaves().get(0).reader().terms(RAW);
    }

    /** The static prior of a code (see the class comment); always positive, at most about 4.5. */
    static float prior(CodeEntry e) {
        String description = e.longDescription().toLowerCase(Locale.ROOT);
        int words = Math.max(1, description.split("[^a-z0-9]+").length);
        float prior = e.billable() ? 2.0f : 0f;
        prior += 0.15f * Math.max(0, 7 - e.code().length());
        prior += 1.5f / words;
        if (description.contains("unspecified")) {
            prior += 0.4f;
        }
        char first = e.code().charAt(0);
        if (e.system() == CodeSystem.ICD10CM && (first == 'S' || first == 'T') && e.code().length() == 7) {
            prior += e.code().charAt(6) == 'A' ? 0.6f : 0f;
        }
        if (e.system() == CodeSystem.ICD10CM && "OPZVWXY".indexOf(first) < 0) {
            // A condition before its pregnancy or newborn variant and before history, screening or
            // external-cause codes: those apply only when the query says so, and then it matches more words.
            prior += 0.5f;
        }
        return prior;
    }

    /** What a description negates: the words after each "without", up to the next "with" clause. */
    static String negated(String description) {
        java.util.regex.Matcher m = WITHOUT.matcher(description.toLowerCase(Locale.ROOT));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            out.append(m.group(1)).append(' ');
        }
        return out.toString().trim();
    }

    public static CodeIndex build(CodeSystem system, int fiscalYear, List<CodeEntry> entries) {
        try {
            return new CodeIndex(system, fiscalYear, entries, Abbreviations.bundled(),
                    system == CodeSystem.ICD10CM ? InclusionTerms.bundled() : Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From a CMS order file directly (for the benchmark, which runs without a database). */
    public static CodeIndex fromOrderFile(CodeSystem system, int fiscalYear, InputStream in) throws IOException {
        return build(system, fiscalYear, OrderFile.parse(system, fiscalYear, in).entries());
    }

    public int size() {
        return entries.length;
    }

    public List<CodeHit> search(String query, int limit) {
        String q = query == null ? "" : query.trim();
        if (q.isEmpty() || limit <= 0) {
            return List.of();
        }
        try {
            List<CodeHit> hits = looksLikeCode(q) ? byCode(q, limit) : List.of();
            return hits.isEmpty() ? byWords(query, limit) : hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on an in-memory directory
        }
    }

    private boolean looksLikeCode(String q) {
        String c = q.toUpperCase(Locale.ROOT);
        return system == CodeSystem.ICD10CM ? CM_CODE.matcher(c).matches() : PCS_CODE.matcher(c).matches();
    }

    /** Codes beginning with the prefix, in CMS's order: the category first, then its subdivisions. */
    private List<CodeHit> byCode(String q, int limit) throws IOException {
        return hits(searcher.search(new PrefixQuery(new Term(CODE, CodeSystem.normalize(q))), limit, Sort.INDEXORDER));
    }

    private List<CodeHit> byWords(String q, int limit) throws IOException {
        List<String> words = abbreviations.expand(q);
        String[] raw = Abbreviations.words(q);
        // Type-ahead: a last word still being typed also matches as a prefix ("pneumo").
        boolean typing = raw.length > 0 && !Character.isWhitespace(q.charAt(q.length() - 1))
                && words.get(words.size() - 1).equals(raw[raw.length - 1]);
        List<Query> clauses = new ArrayList<>();
        List<List<String>> stems = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String stem = first(stemmed, word);
            if (stem == null) {
                continue; // a stop word
            }
            boolean last = typing && i == words.size() - 1;
            // A word not in the set as written may be misspelt even when its stem is ("migrane" →
            // migran, the stem of migrans): then its nearest spellings are alternatives beside the stem.
            String written = first(unstemmed, word);
            boolean knownAsWritten = written != null && reader.docFreq(new Term(RAW, written)) > 0;
            boolean begun = last && written != null && written.length() >= 3 && begunWord(written);
            List<String> spellings = knownAsWritten || begun ? List.of() : corrections(written);
            if (spellings.isEmpty()) {
                clauses.add(wordQuery(List.of(stem), 0f, last ? word : null));
                stems.add(List.of(stem));
            } else {
                // Every equally close word: the other query words pick the right one
                // ("artrial fibrillation" → atrial, not arterial).
                List<String> alternatives = new ArrayList<>();
                if (stemKnown(stem)) {
                    alternatives.add(stem);
                }
                spellings.stream().map(w -> first(stemmed, w)).filter(w -> !alternatives.contains(w)).forEach(alternatives::add);
                clauses.add(wordQuery(alternatives, stemKnown(stem) ? 0f : MISSPELT_WORD - WORD, last ? word : null));
                stems.add(alternatives);
            }
        }
        if (clauses.isEmpty()) {
            return List.of();
        }
        Query prior = FeatureField.newLinearQuery(PRIOR, "general", 1f);
        List<Query> phrases = new ArrayList<>();
        for (List<String> combination : combinations(stems, 16)) {
            phrases.add(new TermQuery(new Term(NOS, key(combination))));
        }
        Query inclusion = new BoostQuery(new ConstantScoreQuery(new DisjunctionMaxQuery(phrases, 0f)), NOS_PHRASE);
        Query notNegated = null;
        if (!NEGATING_QUERY.matcher(q).find()) {
            BooleanQuery.Builder none = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), Occur.MUST);
            stems.stream().flatMap(List::stream).distinct().forEach(stem -> none.add(new TermQuery(new Term(NEG, stem)), Occur.MUST_NOT));
            notNegated = new BoostQuery(new ConstantScoreQuery(none.build()), NOT_NEGATED);
        }
        // All words first; if few codes have them all, then those with all but one; then any.
        int[] required = clauses.size() > 2 ? new int[] {clauses.size(), clauses.size() - 1, 1}
                : new int[] {clauses.size(), 1};
        List<CodeHit> hits = new ArrayList<>(limit);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int min : required) {
            BooleanQuery.Builder matched = new BooleanQuery.Builder().setMinimumNumberShouldMatch(min);
            clauses.forEach(c -> matched.add(c, Occur.SHOULD));
            BooleanQuery.Builder scored = new BooleanQuery.Builder().add(matched.build(), Occur.MUST)
                    .add(prior, Occur.SHOULD).add(inclusion, Occur.SHOULD);
            if (notNegated != null) {
                scored.add(notNegated, Occur.SHOULD);
            }
            Query query = scored.build();
            TopDocs top = searcher.search(query, limit);
            for (ScoreDoc d : top.scoreDocs) {
                if (hits.size() < limit && seen.add(d.doc)) {
                    hits.add(hit(entries[d.doc]));
                }
            }
            if (hits.size() >= limit) {
                break;
            }
        }
        return hits;
    }

    private boolean stemKnown(String stem) throws IOException {
        return reader.docFreq(new Term(TEXT, stem)) > 0 || reader.docFreq(new Term(INCL, stem)) > 0;
    }

    /**
     * The words of the set closest to a word it lacks (a misspelling): those with the fewest edits —
     * Lucene counts a transposition as one ("pnuemonia") — at most ten; none when none is within reach.
     */
    private List<String> corrections(String word) throws IOException {
        if (word == null || word.length() < 4) {
            return List.of();
        }
        // The same slips recur (type-ahead sends each prefix again): remember them, within bounds.
        List<String> known = corrected.get(word);
        if (known != null) {
            return known;
        }
        if (corrected.size() > 10_000) {
            corrected.clear();
        }
        List<String> found = List.copyOf(uncachedCorrections(word));
        corrected.put(word, found);
        return found;
    }

    private List<String> uncachedCorrections(String word) throws IOException {
        // One edit anywhere first (cheap, and catches a wrong first letter: "neumonia"); two
        // edits only for longer words and after the first letter, as a two-edit automaton from
        // the first character is what makes fuzzy matching slow.
        List<String> best = nearest(word, 1, 0);
        if (best.isEmpty() && word.length() >= 6) {
            best = nearest(word, 2, 1);
        }
        return best;
    }

    private List<String> nearest(String word, int maxEdits, int prefix) throws IOException {
        FuzzyTermsEnum candidates = new FuzzyTermsEnum(rawTerms, new Term(RAW, word), maxEdits, prefix, true);
        List<String> best = new ArrayList<>();
        int bestEdits = Integer.MAX_VALUE;
        BytesRef term;
        while ((term = candidates.next()) != null) {
            String candidate = term.utf8ToString();
            // FuzzyTermsEnum's boost is 1 - edits / (the shorter length): recover the edits.
            int edits = Math.round((1 - candidates.getBoost()) * Math.min(word.length(), candidate.length()));
            if (edits < bestEdits) {
                best.clear();
                bestEdits = edits;
            }
            if (edits == bestEdits && best.size() < 10) {
                best.add(candidate);
            }
        }
        return best;
    }

    /** Whether some word of the set begins with these letters: a word still being typed, not a misspelling. */
    private boolean begunWord(String written) throws IOException {
        TermsEnum terms = rawTerms.iterator();
        BytesRef prefix = new BytesRef(written);
        return terms.seekCeil(prefix) != TermsEnum.SeekStatus.END && StringHelper.startsWith(terms.term(), prefix);
    }

    /** Each way of picking one stem per word, up to {@code max}. */
    private static List<List<String>> combinations(List<List<String>> choices, int max) {
        List<List<String>> result = new ArrayList<>();
        result.add(List.of());
        for (List<String> options : choices) {
            List<List<String>> next = new ArrayList<>();
            for (List<String> prefix : result) {
                for (String option : options) {
                    if (next.size() < max) {
                        List<String> c = new ArrayList<>(prefix);
                        c.add(option);
                        next.add(c);
                    }
                }
            }
            result = next;
        }
        return result;
    }

    /**
     * An inclusion term without what the tabular marks as nonessential: words in parentheses and
     * a trailing NOS ("Hypertension (arterial) (benign) NOS" → "Hypertension"; ICD-10-CM Official
     * Guidelines I.A.7 and I.A.9).
     */
    static String essential(String term) {
        String t = term.replaceAll("\\([^)]*\\)", " ").trim();
        return t.endsWith(" NOS") ? t.substring(0, t.length() - 4) : t;
    }

    /** Stems in a fixed order, so that a phrase matches its inclusion term in any word order. */
    private static String key(List<String> stems) {
        return String.join(" ", new java.util.TreeSet<>(stems));
    }

    private List<String> stems(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = stemmed.tokenStream(TEXT, text)) {
            CharTermAttribute attr = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(attr.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /**
     * One query word: its stem in the descriptions (or, counting a little less, in the inclusion
     * terms), weighted by rarity; while typing, also the beginning of a word as written.
     */
    private Query wordQuery(List<String> stems, float adjust, String typed) throws IOException {
        List<Query> ways = new ArrayList<>(3);
        for (String stem : stems) {
            Term inText = new Term(TEXT, stem);
            Term inIncl = new Term(INCL, stem);
            int df = Math.max(1, Math.max(reader.docFreq(inText), reader.docFreq(inIncl)));
            float weight = adjust + WORD + Math.min(MAX_RARITY, (float) Math.log((double) reader.maxDoc() / df) / 2f);
            ways.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(inText)), weight));
            ways.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(inIncl)), weight - IN_INCLUSION_TERM));
        }
        if (typed != null && typed.length() >= 3) {
            ways.add(new BoostQuery(new ConstantScoreQuery(new PrefixQuery(new Term(RAW, typed))), TYPED_PREFIX));
        }
        // A word matched several ways still counts once: the best way.
        return new DisjunctionMaxQuery(ways, 0f);
    }

    private String first(Analyzer a, String text) {
        try (TokenStream ts = a.tokenStream(TEXT, text)) {
            CharTermAttribute attr = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            String term = ts.incrementToken() ? attr.toString() : null;
            while (ts.incrementToken()) {
                // drain: the analyzer's contract
            }
            ts.end();
            return term;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<CodeHit> hits(TopDocs top) {
        List<CodeHit> hits = new ArrayList<>(top.scoreDocs.length);
        for (ScoreDoc d : top.scoreDocs) {
            hits.add(hit(entries[d.doc]));
        }
        return hits;
    }

    private static CodeHit hit(CodeEntry e) {
        return new CodeHit(e.dotted(), e.longDescription(), e.billable(), e.chapter());
    }

    @Override
    public String toString() {
        return system.title() + " FY" + fiscalYear + " (" + entries.length + " codes)";
    }
}
