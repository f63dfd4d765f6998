package org.custodian.coding.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words of code descriptions and of queries alike: lower case, accents folded (Ménière → meniere),
 * possessives and English stop words dropped, Porter stems so that "fractures", "fractured" and "fracture" meet.
 */
final class ClinicalAnalyzer extends Analyzer {

    private final boolean stem;

    /** @param stem false for the unstemmed field that spelling correction compares against */
    ClinicalAnalyzer(boolean stem) {
        this.stem = stem;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream stream = new LowerCaseFilter(source);
        stream = new ASCIIFoldingFilter(stream);
        stream = new EnglishPossessiveFilter(stream); // Alzheimer's → alzheimer
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        if (stem) {
            stream = new PorterStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }
}
