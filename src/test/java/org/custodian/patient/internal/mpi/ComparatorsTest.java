package org.custodian.patient.internal.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ComparatorsTest {

    private final Nicknames nicknames = Nicknames.standard();

    @Test
    void jaroWinklerMatchesTheTextbookCases() {
        // Winkler's examples: MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.840, DIXON/DICKSONX 0.813.
        assertThat(Comparators.jaroWinkler("martha", "marhta")).isCloseTo(0.961, within(0.001));
        assertThat(Comparators.jaroWinkler("dwayne", "duane")).isCloseTo(0.840, within(0.001));
        assertThat(Comparators.jaroWinkler("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
    }

    @Test
    void namesAreGradedByCloseness() {
        assertThat(Comparators.familyName("johnson", "johnson")).isEqualTo(3);
        assertThat(Comparators.familyName("johnson", "jonhson")).isEqualTo(2);
        assertThat(Comparators.familyName("catherine", "kathryn")).isEqualTo(1);
        assertThat(Comparators.familyName("johnson", "wu")).isZero();
        assertThat(Comparators.familyName(null, "wu")).isEqualTo(Comparators.MISSING);
    }

    @Test
    void aNicknameAgreesWithItsFormalName() {
        assertThat(Comparators.givenName("bill", "william", nicknames)).isEqualTo(2);
        assertThat(Comparators.givenName("peggy", "margaret", nicknames)).isEqualTo(2);
        // Without the table, Bill and William look nothing alike.
        assertThat(Comparators.familyName("bill", "william")).isZero();
        assertThat(Comparators.givenName("bill", "margaret", nicknames)).isZero();
    }

    @Test
    void birthDatesKnowDayMonthSwapsAndOneDigitTypos() {
        assertThat(Comparators.birthDate("19800307", "19800307")).isEqualTo(3);
        assertThat(Comparators.birthDate("19800307", "19800703")).as("day/month swapped").isEqualTo(2);
        assertThat(Comparators.birthDate("19800307", "19800308")).as("one digit wrong").isEqualTo(2);
        assertThat(Comparators.birthDate("19800307", "19080307")).as("adjacent digits transposed").isEqualTo(2);
        assertThat(Comparators.birthDate("19800307", "19810308")).as("two digits wrong").isEqualTo(1);
        assertThat(Comparators.birthDate("19800307", "19651122")).isZero();
        assertThat(Comparators.birthDate("19800307", null)).isEqualTo(Comparators.MISSING);
    }

    @Test
    void identifiersAllowOneTypingSlip() {
        assertThat(Comparators.identifier("123456789", "123456789")).isEqualTo(2);
        assertThat(Comparators.identifier("123456789", "123456780")).isEqualTo(1);
        assertThat(Comparators.identifier("123456789", "123457689")).isEqualTo(1);
        assertThat(Comparators.identifier("123456789", "987654321")).isZero();
    }
}
