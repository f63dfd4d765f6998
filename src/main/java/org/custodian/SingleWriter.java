package org.custodian;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * One thread that writes for many callers (group commit). Callers queue jobs; the thread takes every
 * job waiting, up to a batch limit, and hands them to the writer together, so that one commit — one
 * WAL flush — is shared by the batch instead of paid by each caller, and jobs are written in the
 * order they arrived. The audit log's appends and the HL7 feed's messages are written this way.
 *
 * <p>While the thread is not running (before start-up, while stopping) a caller's job is written on
 * the caller's own thread; on stop, whatever was queued is still written. The writer answers its
 * callers itself (typically by completing their futures) and must not throw.
 *
 * @param <J> a caller's job
 */
public final class SingleWriter<J> {

    private final String name;
    private final int maxWeight;
    private final ToIntFunction<J> weight;
    private final Consumer<List<J>> writer;
    private final LinkedBlockingQueue<J> queue = new LinkedBlockingQueue<>();
    private volatile Thread thread;

    /**
     * @param name      the thread's name
     * @param maxWeight a batch takes jobs until their weights add up to this (at least one job)
     * @param weight    a job's weight: 1 per job, or e.g. its number of events
     * @param writer    writes a batch and answers its callers
     */
    public SingleWriter(String name, int maxWeight, ToIntFunction<J> weight, Consumer<List<J>> writer) {
        this.name = Objects.requireNonNull(name);
        this.maxWeight = Math.max(1, maxWeight);
        this.weight = Objects.requireNonNull(weight);
        this.writer = Objects.requireNonNull(writer);
    }

    /** Queues the job, or writes it now on the caller's thread when the writer is not running. */
    public void submit(J job) {
        if (thread == null) {
            writer.accept(List.of(job));
        } else {
            queue.add(job);
        }
    }

    public void start() {
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread, waiting up to {@code wait} for its batch, then writes what is still queued. */
    public void stop(Duration wait) {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // A job queued while the thread was stopping is still written, here.
            drain();
        }
    }

    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (true) {
            J first;
            try {
                first = queue.take();
            } catch (InterruptedException e) {
                break;
            }
            writer.accept(batchFrom(first));
        }
        drain();
    }

    private List<J> batchFrom(J first) {
        List<J> batch = new ArrayList<>();
        batch.add(first);
        int total = weight.applyAsInt(first);
        J next;
        while (total < maxWeight && (next = queue.poll()) != null) {
            batch.add(next);
            total += weight.applyAsInt(next);
        }
        return batch;
    }

    private void drain() {
        J first;
        while ((first = queue.poll()) != null) {
            writer.accept(batchFrom(first));
        }
    }
}
