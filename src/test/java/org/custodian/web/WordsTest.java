package org.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Screens say words, not enum names, and count in the right number. */
class WordsTest {

    @Test
    void enumNamesReadAsWordsAndCountsTakeTheirNumber() {
        assertThat(Words.label("RELEASE_WITH_WITHHOLDING")).isEqualTo("Release with withholding");
        assertThat(Words.label("OUTPATIENT")).isEqualTo("Outpatient");
        assertThat(Words.list(List.of("SSN_DIFFERS", "SEX_DIFFERS"))).isEqualTo("SSN differs, sex differs");
        assertThat(Words.count(1, "student")).isEqualTo("1 student");
        assertThat(Words.count(0, "student")).isEqualTo("0 students");
        assertThat(Words.count(2, "student")).isEqualTo("2 students");
        assertThat(Words.label(null)).isEqualTo(Fmt.NONE);
    }
}
