package org.custodian.patient.internal.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockingTest {

    private final Blocking blocking = new Blocking(Blocking.STANDARD, 500);

    private static MpiRecord person(String given, String family, String dob, String ssn, String postcode) {
        return new MpiRecord("x", given, family, dob, null, ssn, "12", "main street", null, "springfield", postcode,
                "nsw", null);
    }

    @Test
    void aSurnameTypoDoesNotHideThePair() {
        // "Kratz" sounds unlike "Katz", so the surname pass misses them; the given-name pass does not.
        List<MpiRecord> records = List.of(
                person("alice", "katz", "19800307", null, "2000"),
                person("alice", "kratz", "19800307", null, "2000"),
                new MpiRecord("y", "bruno", "dimitriou", "19511230", null, "7654321", "7", "hay street", null, "perth",
                        "6000", "wa", null));
        long[] pairs = blocking.candidatePairs(records);
        assertThat(pairs).contains(Blocking.pair(0, 1));
        assertThat(pairs).doesNotContain(Blocking.pair(0, 2), Blocking.pair(1, 2));
    }

    @Test
    void aPairWithEveryNameAndDateFieldWrongIsStillFoundByItsSsn() {
        List<MpiRecord> records = List.of(
                person("alice", "katz", "19800307", "1234567", "2000"),
                person("alicia", "kratz", "19810307", "1234567", "2010"));
        assertThat(blocking.candidatePairs(records)).containsExactly(Blocking.pair(0, 1));
    }

    @Test
    void swappedGivenAndFamilyNamesMeet() {
        List<MpiRecord> records = List.of(
                person("alice", "katz", null, null, null),
                person("katz", "alice", null, null, null));
        assertThat(blocking.candidatePairs(records)).containsExactly(Blocking.pair(0, 1));
    }
}
