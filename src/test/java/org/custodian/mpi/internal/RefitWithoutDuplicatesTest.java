package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A refit on an index that holds no duplicates (a cleaned index, an ADT feed's first load): EM
 * then finds the strongest cluster of candidate pairs, which is not people registered twice but
 * strangers who share a birth date or a house. The guard on the fit (MatchEngine#implausible) and
 * the household rules must keep every such pair off the worklist and off the registration screen.
 */
class RefitWithoutDuplicatesTest {

    private static final String[] GIVEN = {"mary", "anna", "linda", "ruth", "james", "john", "robert", "michael", "david", "susan",
            "karen", "lisa", "paul", "mark", "george", "helen", "sarah", "laura", "kevin", "brian"};
    private static final String[] SYLLABLES = {"ba", "ker", "lan", "mor", "dal", "fitz", "gor", "ham", "quin", "rey", "sto", "wen",
            "vic", "tor", "nel", "pry", "sku", "ul", "zan", "yor"};

    /** 4,000 different people, born on 150 dates: every one shares a birth date (and often a given name) with some 25 strangers. */
    private static List<MpiRecord> strangers(Random r) {
        List<MpiRecord> records = new ArrayList<>();
        Set<String> names = new HashSet<>();
        while (records.size() < 4_000) {
            String family = SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                    + SYLLABLES[r.nextInt(SYLLABLES.length)];
            String given = GIVEN[r.nextInt(GIVEN.length)];
            if (!names.add(given + " " + family)) {
                continue;
            }
            String dob = String.format("19%02d%02d%02d", 50 + r.nextInt(5), 1 + r.nextInt(6), 1 + r.nextInt(5));
            String ssn = r.nextInt(3) == 0 ? null : Integer.toString(100_000_000 + records.size() * 7919);
            records.add(MpiRecord.registered(Integer.toString(records.size()), given, family, dob, r.nextBoolean() ? "F" : "M", ssn,
                    (1 + r.nextInt(3000)) + " " + SYLLABLES[r.nextInt(SYLLABLES.length)] + "ton st", "Peoria", "IL",
                    "616" + (10 + r.nextInt(40)), null));
        }
        return records;
    }

    @Test
    void aRefitOnAnIndexWithoutDuplicatesProposesNoPairOfStrangers() {
        List<MpiRecord> index = strangers(new Random(19));
        MatchEngine engine = new MatchEngine(MpiSettings.DEFAULTS);
        Linkage refit = engine.link(index);

        // Strangers who share a birth date but not their names (the refit's failure: EM took the
        // shared date for a sign of a match) must not be proposed, neither linked nor for review.
        List<String> proposed = new ArrayList<>();
        for (int p = 0; p < refit.keptPairs(); p++) {
            MpiRecord a = index.get(refit.first(p));
            MpiRecord b = index.get(refit.second(p));
            int given = MatchField.GIVEN_NAME.compare(a, b, Nicknames.standard());
            int family = MatchField.FAMILY_NAME.compare(a, b, Nicknames.standard());
            boolean namesDiffer = given == 0 && family <= 1 || family == 0 && given <= 1;
            boolean shareBirthDate = a.birthDate().equals(b.birthDate());
            MatchDecision d = refit.decision(p);
            if (d != MatchDecision.NON_MATCH && namesDiffer && shareBirthDate) {
                proposed.add(d + " " + a + " / " + b);
            }
        }
        assertThat(proposed).as("pairs of strangers proposed").isEmpty();

        // The registration screen scores a newcomer against the index with the refitted model:
        // another stranger born on a crowded date is proposed as nobody.
        MpiRecord newcomer = MpiRecord.registered("new", "linda", "quinreywen", index.get(0).birthDate(), "F", null,
                "12 Elm St", "Peoria", "IL", "61699", null);
        for (MpiRecord registered : index) {
            if (registered.birthDate().equals(newcomer.birthDate())) {
                assertThat(engine.score(refit, newcomer, registered).decision()).as("newcomer vs " + registered)
                        .isEqualTo(MatchDecision.NON_MATCH);
            }
        }
    }
}
