package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The background screen's pace: after a batch it pauses so that it takes only its share of the
 * time, leaving the CPU to a feed in full flow; at a share of 1 it never pauses.
 */
class QueuedRegistrationScreenPaceTest {

    @Test
    void aQuarterShareRestsThreeTimesAsLongAsTheBatchTook() {
        assertThat(QueuedRegistrationScreen.pauseAfter(Duration.ofMillis(120), 0.25)).isEqualTo(Duration.ofMillis(360));
        assertThat(QueuedRegistrationScreen.pauseAfter(Duration.ofMillis(120), 0.5)).isEqualTo(Duration.ofMillis(120));
    }

    @Test
    void aFullShareNeverPauses() {
        assertThat(QueuedRegistrationScreen.pauseAfter(Duration.ofMillis(120), 1)).isZero();
    }

    @Test
    void aShareOutsideZeroToOneIsRefusedWithTheSettingNamed() {
        for (double share : new double[] {0, -0.5, 1.5, Double.NaN}) {
            assertThatThrownBy(() -> new MpiSettings(null, null, null, null, null, null, null, Duration.ofSeconds(2), share))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("custodian.mpi.screening-share");
        }
    }
}
