package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Group commit's contract: batches in arrival order up to the limit, nothing lost at stop. */
class SingleWriterTest {

    @Test
    void queuedJobsAreWrittenInBatchesInArrivalOrder() throws Exception {
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SingleWriter<Integer> writer = new SingleWriter<>("test-writer", 3, job -> 1, batch -> {
            firstWriteStarted.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batches.add(List.copyOf(batch));
        });
        writer.start();
        writer.submit(0);
        assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 7; i++) {
            writer.submit(i); // queued while the first batch is being written
        }
        release.countDown();
        writer.stop(Duration.ofSeconds(5));
        assertThat(batches).containsExactly(List.of(0), List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    }

    @Test
    void aBatchStopsAtItsWeightButTakesAtLeastOneJob() {
        List<List<Integer>> batches = new ArrayList<>();
        SingleWriter<Integer> writer = new SingleWriter<>("weights", 10, job -> job, batch -> batches.add(List.copyOf(batch)));
        writer.submit(25); // not running: written on the caller's thread, alone
        assertThat(batches).containsExactly(List.of(25));
        assertThat(writer.isRunning()).isFalse();
    }
}
