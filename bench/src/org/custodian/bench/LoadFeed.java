package org.custodian.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HL7 v2 feed beside bench/load.sh's users: ADT^A01, ORU^R01 (a CBC and a metabolic panel,
 * six results) and ADT^A03 per visit, over plain MLLP on loopback, at a fixed rate spread over
 * {@code connections} connections, sent on schedule whatever the acknowledgements do (an interface
 * engine's queue does not wait), each ACK's latency counted from the message's scheduled time (so
 * a stall shows as latency, not as fewer samples). Patients come from a pool (2,000 MRNs): the
 * first visits register them, later ones are returning patients, as a hospital's feed.
 * Usage: LoadFeed PORT RATE WARMUP_SECONDS MEASURED_SECONDS [CONNECTIONS]. Prints the figures for
 * the messages scheduled within the measured window.
 */
public final class LoadFeed {

    static final int POOL = 2000;

    record Sent(String control, long scheduledNanos, boolean measured) {
    }

    /** One acknowledged message: when it was scheduled (ns since the run's start) and how long its ACK took. */
    record Ack(long atNanos, long latencyNanos) {
    }

    static final long WINDOW_SECONDS = 30;

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        double rate = Double.parseDouble(args[1]);
        long warmup = Long.parseLong(args[2]);
        long measured = Long.parseLong(args[3]);
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long measureTo = measureFrom + TimeUnit.SECONDS.toNanos(measured);
        String run = Long.toString(System.currentTimeMillis(), 36);
        ConcurrentLinkedQueue<Ack> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong sentMeasured = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            Socket socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            LinkedBlockingQueue<Sent> inFlight = new LinkedBlockingQueue<>();
            long interval = (long) (1e9 * connections / rate);
            Thread sender = new Thread(() -> {
                try {
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
                    long next = start + interval * connection / connections;
                    for (long n = 0; next < measureTo; n++, next += interval) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        long visit = n / 3;
                        String mrn = "LD" + connection + "-" + (visit % (POOL / connections));
                        String control = run + "c" + connection + "n" + n;
                        String visitNumber = "V" + run + "c" + connection + "v" + visit;
                        String message = switch ((int) (n % 3)) {
                            case 0 -> MllpBenchmark.message("A01", control, mrn, visitNumber);
                            case 1 -> oru(control, mrn, run + connection + "f" + visit);
                            default -> MllpBenchmark.message("A03", control, mrn, visitNumber);
                        };
                        boolean counted = next >= measureFrom;
                        if (counted) {
                            sentMeasured.incrementAndGet();
                        }
                        inFlight.add(new Sent(control, next, counted));
                        out.write(MllpBenchmark.frame(message));
                        out.flush();
                    }
                    inFlight.add(new Sent(null, 0, false));
                } catch (Exception e) {
                    e.printStackTrace();
                    inFlight.add(new Sent(null, 0, false));
                }
            });
            Thread reader = new Thread(() -> {
                try (socket) {
                    InputStream in = new BufferedInputStream(socket.getInputStream());
                    socket.setSoTimeout(120_000);
                    while (true) {
                        Sent s = inFlight.take();
                        if (s.control() == null) {
                            return;
                        }
                        String ack = MllpBenchmark.read(in);
                        long latency = System.nanoTime() - s.scheduledNanos();
                        boolean aa = ack.contains("MSA|AA|" + s.control() + "\r") || ack.contains("MSA|AA|" + s.control() + "|");
                        if (!aa && errors.incrementAndGet() <= 5) {
                            System.out.println("not AA for " + s.control() + ": " + ack.replace('\r', ' '));
                        }
                        if (s.measured() && aa) {
                            latencies.add(new Ack(s.scheduledNanos() - measureFrom, latency));
                        }
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    e.printStackTrace();
                }
            });
            sender.start();
            reader.start();
            threads.add(sender);
            threads.add(reader);
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] ms = latencies.stream().mapToLong(Ack::latencyNanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "feed: %,d messages scheduled in the measured %d s (ADT^A01, ORU^R01, ADT^A03 in turn, %d connections),"
                        + " %,d acknowledged AA, %d errors (not AA or connection lost, whole run)%n",
                sentMeasured.get(), measured, connections, ms.length, errors.get());
        System.out.printf(Locale.ROOT, "feed: %.1f acks/s; ack latency from scheduled send: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms.length / (double) measured, pct(ms, 50), pct(ms, 95), pct(ms, 99), ms.length == 0 ? 0 : ms[ms.length - 1] / 1e6);
        stalls(latencies);
        System.exit(errors.get() == 0 && ms.length == sentMeasured.get() ? 0 : 1);
    }

    /** Where the tail comes from: each 30 s window of the measured run whose slowest ACK took over a second. */
    static void stalls(java.util.Collection<Ack> acks) {
        java.util.TreeMap<Long, List<Long>> windows = new java.util.TreeMap<>();
        for (Ack a : acks) {
            windows.computeIfAbsent(TimeUnit.NANOSECONDS.toSeconds(a.atNanos()) / WINDOW_SECONDS, k -> new ArrayList<>())
                    .add(a.latencyNanos());
        }
        windows.forEach((w, l) -> {
            long[] sorted = l.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted[sorted.length - 1] > 1_000_000_000L) {
                System.out.printf(Locale.ROOT, "feed: window %d-%d s: %,d acks, p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
                        w * WINDOW_SECONDS, (w + 1) * WINDOW_SECONDS, sorted.length, pct(sorted, 50), pct(sorted, 95),
                        sorted[sorted.length - 1] / 1e6);
            }
        });
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(sorted.length * p / 100) - 1)] / 1e6;
    }

    /** ORU^R01 as the interface tests' sample (ORU-R01-results.hl7): a CBC and a basic metabolic panel. */
    static String oru(String control, String mrn, String filler) {
        return String.join("\r", Arrays.asList(
                "MSH|^~\\&|LAB|BENCHFAC|CUSTODIAN|HIM|20260101101500||ORU^R01^ORU_R01|" + control + "|P|2.5.1",
                "PID|1||" + mrn + "^^^BENCHFAC^MR||" + MllpBenchmark.person(mrn),
                "PV1|1|O|LAB^1^1",
                "ORC|RE|PL" + filler + "|" + filler + "^BENCHFAC",
                "OBR|1|PL" + filler + "|" + filler + "^BENCHFAC|58410-2^CBC panel - Blood by Automated count^LN|||20260101083000|||||||||1234^Welby^Marcus||||||20260101101000|||F",
                "OBX|1|NM|6690-2^Leukocytes [#/volume] in Blood by Automated count^LN||11.8|10*3/uL^10*3/uL^UCUM|4.5-11.0|H|||F|||20260101083000",
                "OBX|2|NM|718-7^Hemoglobin [Mass/volume] in Blood^LN||10.9|g/dL^g/dL^UCUM|13.5-17.5|L|||F|||20260101083000",
                "OBX|3|NM|777-3^Platelets [#/volume] in Blood by Automated count^LN||250|10*3/uL^10*3/uL^UCUM|150-400|N|||F|||20260101083000",
                "ORC|RE|PL" + filler + "B|" + filler + "B^BENCHFAC",
                "OBR|2|PL" + filler + "B|" + filler + "B^BENCHFAC|24320-4^Basic metabolic panel^LN|||20260101083000|||||||||1234^Welby^Marcus||||||20260101101000|||F",
                "OBX|1|NM|2160-0^Creatinine [Mass/volume] in Serum or Plasma^LN||1.1|mg/dL^mg/dL^UCUM|0.7-1.3|N|||F",
                "OBX|2|NM|2823-3^Potassium [Moles/volume] in Serum or Plasma^LN||4.2|mmol/L^mmol/L^UCUM|3.5-5.1|N|||F",
                "OBX|3|ST|5778-6^Color of Urine^LN||Yellow||||||F")) + "\r";
    }
}
