package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A scan of a small index (a new installation, a test database, a clinic): too few registrations
 * for EM to fit m and u on — with two registrations the only "random pair" that measures chance
 * agreement is the duplicate itself, so u equalled m and every field weighed nothing, and the scan
 * proposed no pair. Below {@link MatchEngine#MIN_FIT} typical m and u serve, and the scan proposes
 * the duplicates planted in the index and no one else: never father and son; twins with nothing that tells them
 * apart (no SSN, no phone) only for review, never linked, since a given name replaced looks the same (issue #19).
 */
class SmallIndexScanTest {

    private static final MatchEngine ENGINE = new MatchEngine(MpiSettings.DEFAULTS);

    @Test
    void twoRegistrationsOfOnePersonArePaired() {
        List<MpiRecord> index = List.of(
                MpiRecord.registered("0", "Theodore", "Quarrington", "19390817", "M", "601234455", "31 Quarry Ln", "Galesburg", "IL",
                        "61401", "3095550190"),
                MpiRecord.registered("1", "Ted", "Quarrington", "19390817", "M", null, "31 Quarry Ln", "Galesburg", "IL", "61401",
                        "3095550190"));
        Linkage scan = ENGINE.link(index);
        assertThat(scan.comparedPairs()).isEqualTo(1);
        assertThat(proposed(scan)).containsExactly("0-1");
    }

    @Test
    void theDuplicatesPlantedInASmallIndexAreProposedAndTwinsOnlyForReview() {
        String[][] people = {
                {"Margaret", "Holloway", "19520314", "F", "12 Birch St", "Peoria", "61602"},
                {"William", "Ostrander", "19670921", "M", "480 Lake Ave", "Peoria", "61604"},
                {"Rosa", "Quintero", "19880102", "F", "7 Mill Rd", "Pekin", "61554"},
                {"Dennis", "Kowalczyk", "19451130", "M", "2210 State St", "Bartonville", "61607"},
                {"Alice", "Brennan", "19730706", "F", "93 Elm Ct", "Peoria", "61614"},
                {"Jerome", "Whitfield", "19990419", "M", "15 Cedar Ln", "Morton", "61550"},
                {"Patricia", "Lindqvist", "19600228", "F", "301 Oak St", "Peoria", "61603"},
                {"Samuel", "Achebe", "19811017", "M", "66 River Dr", "East Peoria", "61611"},
                {"Eleanor", "Marchetti", "19380525", "F", "5 Hilltop Rd", "Washington", "61571"},
                {"Victor", "Nakamura", "19920811", "M", "1200 Main St", "Peoria", "61606"},
                {"Grace", "Dubois", "20010203", "F", "44 Maple Ave", "Pekin", "61554"},
                {"Howard", "Engstrom", "19570619", "M", "810 Forest Hill", "Peoria", "61604"},
        };
        List<MpiRecord> index = new ArrayList<>();
        for (String[] p : people) {
            index.add(record(index.size(), p[0], p[1], p[2], p[3], p[4], p[5], p[6]));
        }
        // Four registered again with a clerk's mistakes: a nickname, a transposed surname, day and
        // month swapped, a move to another town.
        index.add(record(12, "Maggie", "Holloway", "19520314", "F", "12 Birch St", "Peoria", "61602"));      // of 0
        index.add(record(13, "William", "Ostradner", "19670921", "M", "480 Lake Ave", "Peoria", "61604"));   // of 1
        index.add(record(14, "Rosa", "Quintero", "19880201", "F", "7 Mill Rd", "Pekin", "61554"));           // of 2
        index.add(record(15, "Dennis", "Kowalczyk", "19451130", "M", "19 Prairie Ln", "Normal", "61761"));  // of 3
        // A household: twins, and a father and son of one name.
        index.add(record(16, "Jacob", "Ferreira", "20150905", "M", "27 Willow St", "Peoria", "61605"));
        index.add(record(17, "Lucas", "Ferreira", "20150905", "M", "27 Willow St", "Peoria", "61605"));
        index.add(record(18, "Robert", "Ambrose Jr", "19850412", "M", "350 Knoxville Ave", "Peoria", "61603"));
        index.add(record(19, "Robert", "Ambrose Sr", "19580130", "M", "350 Knoxville Ave", "Peoria", "61603"));

        Linkage scan = ENGINE.link(index);

        assertThat(proposed(scan)).containsExactlyInAnyOrder("0-12", "1-13", "2-14", "3-15", "16-17");
        for (int p = 0; p < scan.keptPairs(); p++) {
            if (Math.min(scan.first(p), scan.second(p)) == 16) {
                assertThat(scan.decision(p)).as("the twins").isEqualTo(MatchDecision.REVIEW);
            }
        }
    }

    private static MpiRecord record(int id, String given, String family, String birth, String sex, String line, String city,
                                    String zip) {
        return MpiRecord.registered(Integer.toString(id), given, family, birth, sex, null, line, city, "IL", zip, null);
    }

    /** The pairs the scan puts on the worklist (review band and above), as "first-second". */
    private static Set<String> proposed(Linkage scan) {
        Set<String> out = new HashSet<>();
        for (int p = 0; p < scan.keptPairs(); p++) {
            if (scan.decision(p) != MatchDecision.NON_MATCH) {
                out.add(Math.min(scan.first(p), scan.second(p)) + "-" + Math.max(scan.first(p), scan.second(p)));
            }
        }
        return out;
    }
}
