package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A periodic job runs in the server and in no command's process ({@link JobSettings}, {@link Cli}). */
class PeriodicJobTest {

    static final class Counting extends PeriodicJob {
        final CountDownLatch ran = new CountDownLatch(1);

        Counting() {
            super("test-job", Duration.ZERO, true, WhenZero.RUN_ONCE_AT_START);
        }

        @Override
        protected void runOnce() {
            ran.countDown();
        }
    }

    @Test
    void aJobRunsWhereJobsAreOn() throws InterruptedException {
        Counting job = new Counting();
        job.setJobSettings(new JobSettings(true));
        job.start();
        try {
            assertThat(job.isRunning()).isTrue();
            assertThat(job.ran.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            job.stop();
        }
    }

    @Test
    void aProcessWithJobsOffStartsNone() throws InterruptedException {
        Counting job = new Counting();
        job.setJobSettings(new JobSettings(false));
        job.start();
        assertThat(job.isRunning()).isFalse();
        assertThat(job.ran.await(500, TimeUnit.MILLISECONDS)).isFalse();
    }
}
