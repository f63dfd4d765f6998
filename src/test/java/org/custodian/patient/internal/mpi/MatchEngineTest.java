package org.custodian.patient.internal.mpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchEngineTest {

    private static MpiRecord person(String given, String family) {
        return new MpiRecord("x", given, family, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void aRareSurnameCountsMoreThanACommonOne() {
        List<MpiRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(person("p" + i, "smith"));
        }
        for (int i = 0; i < 200; i++) {
            records.add(person("q" + i, "family" + (i % 100)));
        }
        records.add(person("anna", "zylberstein"));
        records.add(person("anne", "zylberstein"));
        ValueFrequencies frequencies = new ValueFrequencies(records, 4.0);
        double rare = frequencies.adjustment(MatchField.FAMILY_NAME, "zylberstein");
        double common = frequencies.adjustment(MatchField.FAMILY_NAME, "smith");
        assertThat(rare).isPositive();
        assertThat(common).isNegative();
        assertThat(rare).isLessThanOrEqualTo(4.0);
    }

    @Test
    void swappedGivenAndFamilyNamesAgreeCrossed() {
        MatchEngine engine = new MatchEngine(MpiSettings.DEFAULTS);
        long pattern = engine.compare(person("alice", "katz"), person("katz", "alice"));
        assertThat(FellegiSunterModel.level(pattern, MatchField.GIVEN_NAME.ordinal())).isEqualTo(3);
        assertThat(FellegiSunterModel.level(pattern, MatchField.FAMILY_NAME.ordinal())).isEqualTo(3);
        assertThat(FellegiSunterModel.level(pattern, MatchField.SSN.ordinal())).isEqualTo(Comparators.MISSING);
    }

    @Test
    void thresholdsSplitLinkReviewAndNonMatch() {
        MatchEngine engine = new MatchEngine(new MpiSettings(10.0, 4.0, null, null));
        assertThat(engine.decide(10.0)).isEqualTo(MatchDecision.LINK);
        assertThat(engine.decide(9.9)).isEqualTo(MatchDecision.REVIEW);
        assertThat(engine.decide(4.0)).isEqualTo(MatchDecision.REVIEW);
        assertThat(engine.decide(3.9)).isEqualTo(MatchDecision.NON_MATCH);
    }
}
