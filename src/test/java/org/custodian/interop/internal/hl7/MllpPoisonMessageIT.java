package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #22, finding 2: one bad frame failed a whole batch. A 9,000-character MSH-10 overflowed
 * the control-id index, the group commit's transaction failed, every message batched with it was
 * answered AE "could not be stored; resend it", and the bad one was stored nowhere. A poison
 * message must be rejected alone (AR naming the field), kept for review, and never fail its
 * neighbours (ARCHITECTURE.md: one poison unit never fails its neighbours).
 */
@CustodianTest
class MllpPoisonMessageIT {

    static final String GOOD_APP = "GOODENGINE";
    static final String GOOD_FACILITY = "GOODFAC";

    @Autowired
    MllpServer server;
    @Autowired
    AdtReceiver receiver;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Api api;
    @Autowired
    StaffAccounts accounts;

    @Test
    void aNineThousandCharacterControlIdIsRejectedAloneWhileFiveHundredNeighboursAreAcknowledged() throws Exception {
        int port = server.listen(0);
        String run = AdtSamples.unique("PZ");
        String poison = poison(run);
        int good = 500;
        // One pipelined window (as an interface engine sends): the poison frame, from another sender,
        // sits in the middle, so the applier thread batches it with the legitimate messages around it.
        ByteArrayOutputStream window = new ByteArrayOutputStream();
        List<String> expectedControls = new ArrayList<>();
        for (int i = 0; i < good; i++) {
            if (i == good / 2) {
                frame(window, poison);
                expectedControls.add(null);
            }
            frame(window, legitimate(run + "C" + i, run + "M" + i));
            expectedControls.add(run + "C" + i);
        }
        List<String> codes = new ArrayList<>();
        String poisonAck = null;
        try (MllpClient client = new MllpClient(port)) {
            // Sent from another thread while this one reads the ACKs, so neither side's buffers can fill up.
            java.util.concurrent.CompletableFuture<Void> sent = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    client.sendRaw(window.toByteArray());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (String control : expectedControls) {
                String ack = client.receive();
                codes.add(MllpClient.code(ack));
                if (control == null) {
                    poisonAck = ack;
                } else {
                    assertThat(AdtSamples.field(ack, "MSA", 2)).as("ACKs in frame order").isEqualTo(control);
                }
            }
            sent.join();
        }
        assertThat(codes.stream().filter("AA"::equals).count()).as("legitimate messages acknowledged AA").isEqualTo(good);
        assertThat(MllpClient.code(poisonAck)).as(poisonAck).isEqualTo("AR");
        assertThat(poisonAck).contains("ERR|").contains("longer than 199 characters");
        assertThat(jdbc.sql("""
                        select count(*) from hl7_message
                        where sending_application = ? and control_id like ? and status = 'PROCESSED'""")
                .params(GOOD_APP, run + "C%").query(Long.class).single()).isEqualTo(good);
        assertThat(jdbc.sql("select count(*) from patient where facility = ? and mrn like ?")
                .params(GOOD_FACILITY, run + "M%").query(Long.class).single()).isEqualTo(good);
        assertPoisonKeptForReview(run);
    }

    /** The same without the listener's timing: the poison inside one group-commit batch of eleven. */
    @Test
    void aPoisonMessageInsideOneBatchIsRejectedAloneAndKept() {
        String run = AdtSamples.unique("PB");
        List<AdtReceiver.Prepared> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (i == 5) {
                batch.add(receiver.prepare(poison(run)));
            }
            batch.add(receiver.prepare(legitimate(run + "C" + i, run + "M" + i)));
        }
        List<AdtReceiver.Outcome> outcomes = receiver.commit(batch);
        assertThat(outcomes).extracting(AdtReceiver.Outcome::ackCode)
                .containsExactly("AA", "AA", "AA", "AA", "AA", "AR", "AA", "AA", "AA", "AA", "AA");
        assertThat(outcomes.get(5).error()).isEqualTo("MSH-10: the message control id is longer than 199 characters");
        assertPoisonKeptForReview(run);
    }

    /**
     * A message that passes every check and still breaks its batch's transaction (here a NUL
     * character, which a PostgreSQL text column refuses, in a segment Custodian does not read): the
     * batch is applied again one message at a time, so only that one is answered "not stored".
     */
    @Test
    void aBatchWhoseTransactionFailsIsAppliedAgainOneMessageAtATime() {
        String run = AdtSamples.unique("PT");
        List<AdtReceiver.Prepared> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String message = legitimate(run + "C" + i, run + "M" + i);
            batch.add(receiver.prepare(i == 3 ? message + "ZZZ|\u0000\r" : message));
        }
        List<AdtReceiver.Outcome> outcomes = receiver.commit(batch);
        assertThat(outcomes).extracting(AdtReceiver.Outcome::ackCode).containsExactly("AA", "AA", "AA", "AE", "AA", "AA");
        assertThat(outcomes.get(3).error()).contains("could not be stored");
        assertThat(jdbc.sql("select count(*) from hl7_message where control_id like ? and status = 'PROCESSED'")
                .param(run + "C%").query(Long.class).single()).isEqualTo(5);
    }

    /** Stored once, REJECTED, with its full text and the field named, in the interface's review list. */
    private void assertPoisonKeptForReview(String run) {
        List<Long> ids = jdbc.sql("select id from hl7_message where sending_application = 'EVILENGINE' and raw like ?")
                .param("%" + run + "POISON%").query(Long.class).list();
        assertThat(ids).as("the poison message is stored, once").hasSize(1);
        assertThat(jdbc.sql("select length(raw) from hl7_message where id = ?").param(ids.get(0)).query(Integer.class)
                .single()).isGreaterThan(9000);
        Api.Response review = api.as(accounts.of(Role.INTERFACE_ENGINE), "GET",
                "/api/interface/messages?status=REJECTED&size=500", null);
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.body()).contains("\"id\":" + ids.get(0))
                .contains("MSH-10: the message control id is longer than 199 characters");
    }

    /** An A28 (add person) from the second sender, a person of its own per MRN. */
    static String legitimate(String control, String mrn) {
        return "MSH|^~\\&|" + GOOD_APP + "|" + GOOD_FACILITY + "|CUSTODIAN|HIM|20260101120000||ADT^A28|" + control
                + "|P|2.5.1\r"
                + "EVN|A28|20260101120000\r"
                + "PID|1||" + mrn + "^^^" + GOOD_FACILITY + "^MR||" + AdtFeed.person(mrn) + "\r";
    }

    /**
     * An otherwise valid A28 whose MSH-10 is 9,000 characters long, random ones: a repeated
     * character would compress into an index entry PostgreSQL accepts, and prove nothing.
     */
    static String poison(String run) {
        java.util.Random random = new java.util.Random(22);
        StringBuilder control = new StringBuilder(run + "POISON");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        while (control.length() < 9000) {
            control.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return "MSH|^~\\&|EVILENGINE|EVILFAC|CUSTODIAN|HIM|20260101120000||ADT^A28|" + control + "|P|2.5.1\r"
                + "EVN|A28|20260101120000\r"
                + "PID|1||" + run + "PM^^^EVILFAC^MR||" + AdtFeed.person(run + "PM") + "\r";
    }

    private static void frame(ByteArrayOutputStream out, String message) {
        out.write(MllpFraming.START);
        out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
        out.write(MllpFraming.END);
        out.write(MllpFraming.CR);
    }
}
