package org.custodian.mpi.internal;

import java.lang.management.ManagementFactory;

/**
 * Wall and CPU time of a phase of a scan. On a shared machine the wall time says how long it took
 * and the process's CPU time how much work it was; on two idle cores the wall time of a parallel
 * phase approaches half its CPU time.
 */
final class PhaseClock {

    private long wall = System.nanoTime();
    private long cpu = cpuNanos();

    /** "12.3 s wall, 20.1 s cpu" since the last lap, and starts the next one. */
    String lap() {
        long w = System.nanoTime();
        long c = cpuNanos();
        String s = String.format(java.util.Locale.ROOT, "%.1f s wall, %.1f s cpu", (w - wall) / 1e9, (c - cpu) / 1e9);
        wall = w;
        cpu = c;
        return s;
    }

    static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
