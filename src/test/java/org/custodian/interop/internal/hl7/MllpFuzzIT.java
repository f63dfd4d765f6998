package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mutation fuzzing of the MLLP listener with the real sample messages: {@code custodian.fuzz.cases}
 * (10,000 by default) mutated frames over 4 real connections. Every frame must be answered
 * (AA, AE or AR) within the socket timeout, every frame must leave exactly one stored message row
 * (nothing silently dropped), and a frame answered AE or AR must leave no patient and no encounter
 * behind (no partial state). The seed is printed so that a failure can be replayed.
 */
@CustodianTest
class MllpFuzzIT {

    static final int CASES = Integer.getInteger("custodian.fuzz.cases", 10_000);
    static final int CONNECTIONS = 4;
    static final String DELIMITERS = "|^~\\&\r";

    @Autowired
    MllpServer server;
    @Autowired
    JdbcClient jdbc;

    /** {@code controlIntact}: the mutated frame still carries its own control id as MSH-10. */
    record Case(String mrn, String visit, String control, boolean controlIntact, String ackCode) {
    }

    @Test
    void mutatedRealMessagesAreAllAnsweredAndLeaveNoPartialState() throws Exception {
        long seed = Long.getLong("custodian.fuzz.seed", System.nanoTime());
        System.out.println("MLLP fuzz: " + CASES + " cases, seed " + seed);
        int port = server.listen(0);
        List<String> seeds = new ArrayList<>();
        for (Path file : AdtSamples.all()) {
            seeds.add(AdtSamples.read(file));
        }
        long before = jdbc.sql("select coalesce(max(id), 0) from hl7_message").query(Long.class).single();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
        List<Future<List<Case>>> results = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            long connectionSeed = seed + c;
            int share = CASES / CONNECTIONS + (c < CASES % CONNECTIONS ? 1 : 0);
            results.add(pool.submit(() -> run(port, seeds, new Random(connectionSeed), share)));
        }
        List<Case> cases = new ArrayList<>();
        for (Future<List<Case>> r : results) {
            cases.addAll(r.get(10, TimeUnit.MINUTES));
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long aa = cases.stream().filter(c -> c.ackCode().equals("AA")).count();
        long ae = cases.stream().filter(c -> c.ackCode().equals("AE")).count();
        long ar = cases.stream().filter(c -> c.ackCode().equals("AR")).count();
        System.out.printf("MLLP fuzz: %d frames in %.1f s: %d AA, %d AE, %d AR%n", cases.size(), seconds, aa, ae, ar);

        assertThat(cases).hasSize(CASES);
        assertThat(aa + ae + ar).isEqualTo(CASES);
        assertThat(aa).as("some mutations stay valid").isPositive();
        assertThat(ar).as("some mutations break the message").isPositive();
        // Nothing silently dropped: every frame left one row, except a frame whose mutation made its
        // MSH-10 equal another's (e.g. a deletion shifted "P" into MSH-10): that is a replay, answered
        // as the first and rightly not stored twice. Only frames with a mutated control id can be one.
        long mutatedControl = cases.stream().filter(c -> !c.controlIntact()).count();
        long rows = jdbc.sql("select count(*) from hl7_message where id > ?").param(before).query(Long.class).single();
        assertThat(rows).isBetween(CASES - mutatedControl, (long) CASES);
        String[] intact = cases.stream().filter(c -> c.controlIntact() && !c.ackCode().equals("AR")).map(Case::control)
                .toArray(String[]::new);
        assertThat(jdbc.sql("select count(distinct control_id) from hl7_message where id > ? and control_id = any(?)")
                .params(before, intact).query(Long.class).single()).isEqualTo(intact.length);
        // No partial state: the MRNs and visit numbers of refused frames exist nowhere.
        String[] refusedMrns = cases.stream().filter(c -> !c.ackCode().equals("AA")).map(Case::mrn).toArray(String[]::new);
        String[] refusedVisits = cases.stream().filter(c -> !c.ackCode().equals("AA")).map(Case::visit).toArray(String[]::new);
        assertThat(jdbc.sql("select count(*) from patient where mrn = any(?)").param(refusedMrns).query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from encounter where encounter_number = any(?)").param(refusedVisits)
                .query(Long.class).single()).isZero();
    }

    private static List<Case> run(int port, List<String> seeds, Random random, int count) throws Exception {
        List<Case> cases = new ArrayList<>(count);
        try (MllpClient client = new MllpClient(port)) {
            for (int i = 0; i < count; i++) {
                String mrn = "F" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase();
                String visit = "FV" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36).toUpperCase();
                String control = "FZ" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                String seed = seeds.get(random.nextInt(seeds.size()));
                String message = AdtSamples.rewrite(seed, control, mrn.length() > 20 ? mrn.substring(0, 20) : mrn,
                        visit, null);
                mrn = mrn.length() > 20 ? mrn.substring(0, 20) : mrn;
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    message = mutate(message, random);
                }
                byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                String ack;
                if (random.nextInt(20) == 0) {
                    // Junk outside a frame, and a frame split over several writes.
                    client.sendRaw("noise\r\n".getBytes(StandardCharsets.US_ASCII));
                    byte[] framed = new byte[bytes.length + 3];
                    framed[0] = MllpFraming.START;
                    System.arraycopy(bytes, 0, framed, 1, bytes.length);
                    framed[framed.length - 2] = MllpFraming.END;
                    framed[framed.length - 1] = MllpFraming.CR;
                    int cut = 1 + random.nextInt(framed.length - 1);
                    client.sendRaw(java.util.Arrays.copyOfRange(framed, 0, cut));
                    client.sendRaw(java.util.Arrays.copyOfRange(framed, cut, framed.length));
                    ack = client.receive();
                } else {
                    ack = client.send(bytes);
                }
                String code = MllpClient.code(ack);
                assertThat(code).as("answer to a frame: " + ack).isIn("AA", "AE", "AR");
                String[] msh = message.split("\r", 2)[0].split("\\|", -1);
                boolean intact = message.startsWith("MSH|^~\\&|") && msh.length > 9 && msh[9].equals(control);
                cases.add(new Case(mrn, visit, control, intact, code));
            }
        }
        return cases;
    }

    /** One mutation of the message text; the MLLP framing bytes never appear inside (they cannot, by MLLP). */
    static String mutate(String message, Random random) {
        if (message.isEmpty()) {
            return "MSH|";
        }
        int at = random.nextInt(message.length());
        List<String> segments = new ArrayList<>(List.of(message.split("\r")));
        return switch (random.nextInt(11)) {
            case 0 -> message.substring(0, at) + (char) (0x20 + random.nextInt(0x5F)) + message.substring(Math.min(message.length(), at + 1));
            case 1 -> message.substring(0, at) + message.substring(Math.min(message.length(), at + 1 + random.nextInt(40)));
            case 2 -> message.substring(0, at) + DELIMITERS.charAt(random.nextInt(DELIMITERS.length())) + message.substring(at);
            case 3 -> message.substring(0, at);
            case 4 -> {
                int end = Math.min(message.length(), at + random.nextInt(200));
                yield message.substring(0, end) + message.substring(at);
            }
            case 5 -> {
                if (segments.size() > 2) {
                    segments.remove(1 + random.nextInt(segments.size() - 1));
                }
                yield String.join("\r", segments);
            }
            case 6 -> {
                Collections.swap(segments, random.nextInt(segments.size()), random.nextInt(segments.size()));
                yield String.join("\r", segments);
            }
            case 7 -> message.replaceFirst("ADT\\^A[0-9]{2}", "ADT^A" + String.format("%02d", random.nextInt(62)));
            case 8 -> message.replaceAll("(\\|)(19|20)[0-9]{6}", "$1" + (random.nextBoolean() ? "2099" : "x") + random.nextInt(99999));
            case 9 -> message.substring(0, at) + "\u00e9\u00fc\u4e2d\uFEFF" + message.substring(at);
            default -> message.substring(0, at) + "A".repeat(random.nextInt(300)) + message.substring(at);
        };
    }
}
