package org.custodian.interop.internal.hl7;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.custodian.SingleWriter;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit for the MLLP listener: one thread takes every prepared message waiting, from all
 * connections (and several of one connection when its sender pipelines), and has
 * {@link AdtReceiver#commit} apply them in one transaction; only after that commit are their
 * outcomes released, and the connections send the ACKs in their own order. One thread, in arrival
 * order, so that the messages of one patient are applied in the order they came; a commit (WAL
 * flush) and an audit append are shared by the whole batch instead of paid per message.
 */
@Component
class AdtApplierThread implements SmartLifecycle {

    private record Job(AdtReceiver.Prepared message, CompletableFuture<AdtReceiver.Outcome> outcome) {
    }

    private final AdtReceiver receiver;
    private final int maxBatch;
    private final SingleWriter<Job> writer;

    /**
     * {@code custodian.mllp.max-batch}: messages per transaction. A batch that cannot be applied
     * together is applied again message by message, each behind a savepoint (a subtransaction);
     * PostgreSQL keeps up to 64 of them per transaction in shared memory before other sessions'
     * snapshots have to look them up on disk, hence the default.
     *
     * <p>One thread: two taking turns were measured slower in every run, their batches smaller and
     * their commits more (figures: docs/decisions.md#one-applier-thread).
     */
    AdtApplierThread(AdtReceiver receiver, MllpSettings settings) {
        this.receiver = receiver;
        this.maxBatch = settings.maxBatch();
        this.writer = new SingleWriter<>("mllp-applier", this.maxBatch, job -> 1, this::commit);
    }

    /** Queues a message; the future completes once its batch is committed (or known not to be). */
    CompletableFuture<AdtReceiver.Outcome> submit(AdtReceiver.Prepared message) {
        CompletableFuture<AdtReceiver.Outcome> outcome = new CompletableFuture<>();
        // Not started, or stopping: written on the caller's thread, in a transaction of its own.
        writer.submit(new Job(message, outcome));
        return outcome;
    }

    private void commit(List<Job> batch) {
        try {
            List<AdtReceiver.Outcome> outcomes = receiver.commit(batch.stream().map(Job::message).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException | Error e) {
            // commit() answers database failures itself; anything else fails the batch's connections, never the thread.
            batch.forEach(job -> job.outcome().completeExceptionally(e));
        }
    }

    @Override
    public void start() {
        writer.start();
    }

    @Override
    public void stop() {
        writer.stop(Duration.ofSeconds(30));
    }

    @Override
    public boolean isRunning() {
        return writer.isRunning();
    }

    /** Starts before the listener and stops after it (the listener's phase is higher). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
