package org.custodian.patient.internal.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FellegiSunterModelTest {

    private static final MatchField[] FIELDS = {MatchField.FAMILY_NAME, MatchField.BIRTH_DATE, MatchField.SSN};

    /**
     * 300 matches that agree exactly 90% of the time and 3,000 non-matches that agree 5% of the
     * time, field by field and independently: EM, started blind, must find both classes.
     */
    @Test
    void emRecoversMatchAndNonMatchProbabilities() {
        Random random = new Random(7);
        Map<Long, Integer> patterns = new HashMap<>();
        for (int i = 0; i < 3300; i++) {
            boolean match = i < 300;
            int[] levels = new int[FIELDS.length];
            for (int f = 0; f < FIELDS.length; f++) {
                int top = FIELDS[f].levelCount() - 1;
                boolean agree = random.nextDouble() < (match ? 0.9 : 0.05);
                levels[f] = agree ? top : 0;
            }
            patterns.merge(FellegiSunterModel.encode(levels), 1, Integer::sum);
        }
        FellegiSunterModel model = FellegiSunterModel.estimate(FIELDS, patterns, 200, 1e-6);
        for (int f = 0; f < FIELDS.length; f++) {
            int top = FIELDS[f].levelCount() - 1;
            assertThat(model.m(f, top)).as("m of exact %s", FIELDS[f]).isCloseTo(0.9, within(0.06));
            assertThat(model.u(f, top)).as("u of exact %s", FIELDS[f]).isCloseTo(0.05, within(0.03));
            assertThat(model.weight(f, top)).isPositive();
            assertThat(model.weight(f, 0)).isNegative();
        }
        assertThat(model.prior()).isCloseTo(300.0 / 3300, within(0.03));
    }
}
