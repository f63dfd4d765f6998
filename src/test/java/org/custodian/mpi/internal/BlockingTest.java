package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Blocking at scale: oversized blocks split or skipped, every candidate pair emitted exactly once. */
class BlockingTest {

    private static MpiRecord person(String given, String family, String dob, String ssn, String line, String zip, String phone) {
        return MpiRecord.registered(null, given, family, dob, "F", ssn, line, "Peoria", "IL", zip, phone);
    }

    @Test
    void eachPairOnceFromTheFirstPassThatBlocksIt() {
        Random r = new Random(3);
        String[] given = {"mary", "anna", "linda", "ruth"};
        String[] family = {"smith", "smyth", "jones", "garcia", "lee"};
        List<MpiRecord> records = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            records.add(person(given[r.nextInt(given.length)], family[r.nextInt(family.length)],
                    "19" + (50 + r.nextInt(3)) + "0" + (1 + r.nextInt(3)) + "1" + r.nextInt(3), r.nextInt(4) == 0 ? null : "60000" + r.nextInt(300),
                    (1 + r.nextInt(20)) + " Oak St", "6160" + r.nextInt(3), "309555" + (1000 + r.nextInt(40))));
        }
        Blocking blocking = new Blocking(Blocking.STANDARD, 16);
        Blocking.Run run = blocking.run(records);
        List<Long> emitted = new ArrayList<>();
        run.forEachPair(p -> (i, j, first, sample) -> {
            if (first) {
                synchronized (emitted) {
                    emitted.add(Blocking.pair(i, j));
                }
            }
        });
        Set<Long> distinct = new HashSet<>(emitted);
        assertThat(distinct).as("no pair twice").hasSize(emitted.size());
        // Brute force: exactly the pairs some pass put in one block.
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            for (int j = i + 1; j < records.size(); j++) {
                if (run.together(i, j)) {
                    expected.add(Blocking.pair(i, j));
                }
            }
        }
        assertThat(distinct).isEqualTo(expected);
        // The crowded keys (few names, three birth years) were split, so blocks stay small.
        assertThat(run.stats()).anySatisfy(s -> assertThat(s.splitKeys()).isPositive());
        assertThat(emitted.size()).isLessThan(records.size() * 16 * Blocking.STANDARD.size());
        assertThat(blocking.candidatePairs(records)).hasSize(emitted.size());
    }

    @Test
    void aBlockStillTooLargeAfterTheSplitIsSkippedAndCounted() {
        List<MpiRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(person("mary", "smith", "19700101", "600001234", "1 Oak St", "61601", "3095551234"));
        }
        Blocking.Run run = new Blocking(Blocking.STANDARD, 16).run(records);
        List<Long> emitted = new ArrayList<>();
        run.forEachPair(p -> (i, j, first, sample) -> {
            synchronized (emitted) {
                emitted.add(Blocking.pair(i, j));
            }
        });
        assertThat(emitted).isEmpty();
        assertThat(run.stats()).allSatisfy(s -> {
            assertThat(s.skippedKeys()).isEqualTo(1);
            assertThat(s.skippedRecords()).isEqualTo(40);
        });
        // Under the cap the same records are all compared, once.
        Blocking.Run small = new Blocking(Blocking.STANDARD, 16).run(records.subList(0, 10));
        int[] firsts = new int[1];
        small.forEachPair(p -> (i, j, first, sample) -> {
            synchronized (firsts) {
                firsts[0] += first ? 1 : 0;
            }
        });
        assertThat(firsts[0]).isEqualTo(45);
        assertThat(small.together(0, 9)).isTrue();
    }
}
