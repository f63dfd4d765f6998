package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Group commit of the HL7 v2 feed: many messages in one transaction, each ACK only after that
 * commit, and a message that fails in the middle of a batch rolled back alone (its own AE, its
 * partial effects and their audit events gone) while its neighbours are applied exactly once.
 */
@CustodianTest
class MllpGroupCommitIT {

    @Autowired
    MllpServer server;
    @Autowired
    AdtReceiver receiver;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aFailingMessageInTheMiddleOfABatchGetsItsOwnAeAndLeavesNothingWhileItsNeighboursCommit() {
        String run = AdtSamples.unique("GB");
        String visit = run + "V1";
        // The second registers its (new) patient, then cannot admit: the visit number is the first one's.
        long[] before = receiver.batchesCommitted();
        List<AdtReceiver.Outcome> outcomes = receiver.commit(List.of(
                receiver.prepare(message("A01", run + "C1", run + "M1", visit)),
                receiver.prepare(message("A01", run + "C2", run + "M2", visit)),
                receiver.prepare(message("A01", run + "C3", run + "M3", run + "V3"))));

        assertThat(outcomes).extracting(AdtReceiver.Outcome::ackCode).containsExactly("AA", "AE", "AA");
        assertThat(receiver.batchesCommitted()[1] - before[1]).as("applied again message by message").isEqualTo(1);
        assertThat(outcomes.get(1).error()).contains("PV1-19");
        assertThat(MllpClient.code(outcomes.get(1).ack())).isEqualTo("AE");
        assertThat(AdtSamples.field(outcomes.get(1).ack(), "MSA", 2)).isEqualTo(run + "C2");
        // One transaction: the three rows were inserted by the same top-level transaction id.
        assertThat(jdbc.sql("select count(distinct xmin::text) from hl7_message where control_id like ?")
                .param(run + "C%").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select status from hl7_message where control_id = ?").param(run + "C2")
                .query(String.class).single()).isEqualTo("FAILED");
        assertThat(patients(run + "M2")).isZero();
        assertThat(patients(run + "M1")).isEqualTo(1);
        assertThat(patients(run + "M3")).isEqualTo(1);
        assertThat(encounters(run + "M1")).isEqualTo(1);
        assertThat(encounters(run + "M3")).isEqualTo(1);
        // Audited once per change that stayed: a CREATE for each registered patient, none for the rolled-back one.
        assertThat(jdbc.sql("""
                        select count(*) from audit_event a join patient p on p.id = a.patient_id
                        where p.mrn in (?, ?) and a.action = 'CREATE' and a.resource_type = 'Patient'""")
                .params(run + "M1", run + "M3").query(Long.class).single()).isEqualTo(2);
        // The rolled-back registration took a patient id between the other two (one thread, one sequence): no
        // audit event may name a patient id from that gap that does not exist.
        long first = jdbc.sql("select id from patient where mrn = ?").param(run + "M1").query(Long.class).single();
        long third = jdbc.sql("select id from patient where mrn = ?").param(run + "M3").query(Long.class).single();
        assertThat(third - first).as("an id was taken by the rolled-back registration").isGreaterThan(1);
        assertThat(jdbc.sql("""
                        select count(*) from audit_event a where a.patient_id > ? and a.patient_id < ?
                        and not exists (select 1 from patient p where p.id = a.patient_id)""")
                .params(first, third).query(Long.class).single()).isZero();
    }

    /**
     * A batch applied together shares what it learnt of MRNs; the messages after a merge in the
     * middle of it must see the merge: the retired MRN stands for the survivor from then on.
     */
    @Test
    void aMergeInTheMiddleOfABatchMakesTheRetiredMrnStandForTheSurvivorForTheMessagesAfterIt() {
        String run = AdtSamples.unique("GM");
        String mergeMessage = "MSH|^~\\&|GROUPTEST|GROUPFAC|CUSTODIAN|HIM|20260101120000||ADT^A40^ADT_A39|" + run
                + "C3|P|2.5.1\rEVN|A40|20260101120000\rPID|1||" + run + "M2^^^GROUPFAC^MR||Group^Tess^Q||19700101|F\r"
                + "MRG|" + run + "M1^^^GROUPFAC^MR\r";
        List<AdtReceiver.Outcome> outcomes = receiver.commit(List.of(
                receiver.prepare(message("A01", run + "C1", run + "M1", run + "V1")),
                receiver.prepare(message("A01", run + "C2", run + "M2", run + "V2")),
                receiver.prepare(mergeMessage),
                // After the merge, M1 is the survivor's alias: this update is the survivor's, not the retired record's.
                receiver.prepare(message("A08", run + "C4", run + "M1", null).replace("Group^Tess^", "Group^Tessa^")),
                // And V1 (moved with its encounter) the survivor's visit.
                receiver.prepare(message("A03", run + "C5", run + "M1", run + "V1"))));

        assertThat(outcomes).extracting(AdtReceiver.Outcome::ackCode).containsExactly("AA", "AA", "AA", "AA", "AA");
        long survivor = jdbc.sql("select id from patient where mrn = ?").param(run + "M2").query(Long.class).single();
        assertThat(jdbc.sql("select given_name from patient where mrn = ?").param(run + "M2").query(String.class).single())
                .isEqualTo("Tessa");
        assertThat(jdbc.sql("select given_name from patient where mrn = ?").param(run + "M1").query(String.class).single())
                .isEqualTo("Tess");
        assertThat(jdbc.sql("select patient_id from encounter where encounter_number = ?").param(run + "V1")
                .query(Long.class).single()).isEqualTo(survivor);
        assertThat(jdbc.sql("select status from encounter where encounter_number = ?").param(run + "V1")
                .query(String.class).single()).isEqualTo("FINISHED");
        assertThat(jdbc.sql("select patient_id from hl7_message where control_id in (?, ?)").params(run + "C4", run + "C5")
                .query(Long.class).list()).containsExactly(survivor, survivor);
    }

    /**
     * A healthy batch registers its new patients with one call, ahead of their messages, each
     * with the demographics of the message that first names its MRN, as that message alone would
     * have: an A08 that names a new MRN first registers it (no update after), and the A01 after
     * it admits that patient without changing it; a discharge finds the visit admitted earlier in
     * the same batch.
     */
    @Test
    void aHealthyBatchRegistersEachNewPatientOnceWithTheDemographicsOfItsFirstMessage() {
        String run = AdtSamples.unique("GR");
        long[] before = receiver.batchesCommitted();
        List<AdtReceiver.Outcome> outcomes = receiver.commit(List.of(
                receiver.prepare(message("A08", run + "C1", run + "MX", null).replace("Group^Tess^", "Group^Anne^")),
                receiver.prepare(message("A01", run + "C2", run + "MX", run + "VX")),
                receiver.prepare(message("A01", run + "C3", run + "MY", run + "VY").replace("Group^Tess^", "Group^Yvonne^")),
                receiver.prepare(message("A03", run + "C4", run + "MY", run + "VY"))));

        assertThat(outcomes).extracting(AdtReceiver.Outcome::ackCode).containsExactly("AA", "AA", "AA", "AA");
        assertAppliedTogether(before);
        assertThat(patients(run + "MX")).isEqualTo(1);
        assertThat(jdbc.sql("select given_name from patient where mrn = ?").param(run + "MX").query(String.class).single())
                .as("the A08 registered the patient; the A01 after it did not change the record").isEqualTo("Anne");
        assertThat(jdbc.sql("select given_name from patient where mrn = ?").param(run + "MY").query(String.class).single())
                .isEqualTo("Yvonne");
        assertThat(jdbc.sql("""
                        select a.action from audit_event a join patient p on p.id = a.patient_id
                        where p.mrn = ? and a.resource_type = 'Patient'""")
                .param(run + "MX").query(String.class).list()).containsExactly("CREATE");
        assertThat(jdbc.sql("select e.status from encounter e join patient p on p.id = e.patient_id where p.mrn = ?")
                .param(run + "MY").query(String.class).list()).containsExactly("FINISHED");
        assertThat(jdbc.sql("select e.encounter_number from encounter e join patient p on p.id = e.patient_id where p.mrn = ?")
                .param(run + "MX").query(String.class).list()).containsExactly(run + "VX");
        // Stored with their outcome: PROCESSED, first attempt, the patient each concerned, in one transaction.
        assertThat(jdbc.sql("""
                        select count(*) from hl7_message h join patient p on p.id = h.patient_id
                        where h.control_id like ? and h.status = 'PROCESSED' and h.ack_code = 'AA' and h.attempts = 1
                          and h.processed_at is not null and p.mrn = case when h.control_id in (?, ?) then ? else ? end""")
                .params(run + "C%", run + "C1", run + "C2", run + "MX", run + "MY").query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("select count(distinct xmin::text) from hl7_message where control_id like ?")
                .param(run + "C%").query(Long.class).single()).isEqualTo(1);
    }

    /**
     * A healthy batch admits the new visits of patients it names first with one statement, ahead
     * of their messages; a visit number already planned (A05 earlier) is admitted in its turn,
     * the planned visit becoming the admission, and a patient an earlier message of the batch
     * named is admitted in its turn too. Each way the chart ends as if the messages came alone.
     */
    @Test
    void aHealthyBatchAdmitsNewVisitsTogetherAndPlannedOnesInTheirTurn() {
        String run = AdtSamples.unique("GA");
        assertThat(receiver.commit(List.of(receiver.prepare(message("A05", run + "C0", run + "MQ", run + "VQ"))))
                .get(0).ackCode()).isEqualTo("AA");
        long[] before = receiver.batchesCommitted();
        List<AdtReceiver.Outcome> outcomes = receiver.commit(List.of(
                receiver.prepare(message("A01", run + "C1", run + "MP", run + "VP")),
                receiver.prepare(message("A01", run + "C2", run + "MQ", run + "VQ")),
                receiver.prepare(message("A08", run + "C3", run + "MR", null)),
                receiver.prepare(message("A01", run + "C4", run + "MR", run + "VR")),
                receiver.prepare(message("A03", run + "C5", run + "MP", run + "VP"))));

        assertThat(outcomes).extracting(AdtReceiver.Outcome::ackCode).containsExactly("AA", "AA", "AA", "AA", "AA");
        assertAppliedTogether(before);
        assertThat(visits(run + "MP")).containsExactly(run + "VP FINISHED");
        assertThat(visits(run + "MQ")).as("the planned visit became the admission").containsExactly(run + "VQ IN_PROGRESS");
        assertThat(visits(run + "MR")).containsExactly(run + "VR IN_PROGRESS");
        // Each admission audited once, as admit() does: an UPDATE of the Encounter on its patient.
        for (String mrn : new String[] {run + "MP", run + "MQ", run + "MR"}) {
            long admissionEvents = jdbc.sql("""
                            select count(*) from audit_event a join encounter e on e.id::text = a.resource_id
                            join patient p on p.id = e.patient_id
                            where p.mrn = ? and a.resource_type = 'Encounter' and a.action = 'UPDATE'
                              and a.patient_id = p.id""")
                    .param(mrn).query(Long.class).single();
            assertThat(admissionEvents).as(mrn).isEqualTo(mrn.endsWith("MP") ? 2 : mrn.endsWith("MQ") ? 2 : 1);
        }
    }

    /**
     * The batch went the healthy way (applied together), not through the message-by-message pass,
     * which would leave the same chart and so hide a together path that always fails. Other tests'
     * feeds may commit meanwhile (one shared server), hence "at least" and "none more".
     */
    private void assertAppliedTogether(long[] before) {
        long[] after = receiver.batchesCommitted();
        assertThat(after[0] - before[0]).as("batches applied together").isGreaterThanOrEqualTo(1);
        assertThat(after[1] - before[1]).as("batches applied message by message").isZero();
    }

    private List<String> visits(String mrn) {
        return jdbc.sql("""
                        select e.encounter_number || ' ' || e.status from encounter e join patient p on p.id = e.patient_id
                        where p.mrn = ? order by e.id""")
                .param(mrn).query(String.class).list();
    }

    @Test
    void aPipelinedWindowIsAnsweredInOrderAfterGroupCommitsAndAppliedExactlyOnce() throws Exception {
        int port = server.listen(0);
        String run = AdtSamples.unique("GP");
        int patients = 20;
        List<String> controls = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        ByteArrayOutputStream window = new ByteArrayOutputStream();
        for (int i = 0; i < patients; i++) {
            if (i == patients / 2) {
                // A discharge of a patient nobody registered: AE, in the middle of the window.
                frame(window, message("A03", run + "X", run + "NOBODY", null));
                controls.add(run + "X");
                expected.add("AE");
                // And a frame HAPI cannot parse: AR (it has no control id to answer to).
                frame(window, "MSH|^~\\&|broken\rnot a segment".replace("MSH|", "XSH|"));
                controls.add("");
                expected.add("AR");
            }
            for (String event : new String[] {"A01", "A03"}) {
                frame(window, message(event, run + event + i, run + "M" + i, null));
                controls.add(run + event + i);
                expected.add("AA");
            }
        }
        List<String> codes = new ArrayList<>();
        try (MllpClient client = new MllpClient(port)) {
            client.sendRaw(window.toByteArray()); // every frame before reading any ACK
            for (String control : controls) {
                String ack = client.receive();
                codes.add(MllpClient.code(ack));
                if (!control.isEmpty()) {
                    assertThat(AdtSamples.field(ack, "MSA", 2)).as("ACKs in the order of the frames").isEqualTo(control);
                }
            }
        }
        assertThat(codes).isEqualTo(expected);
        for (int i = 0; i < patients; i++) {
            assertThat(patients(run + "M" + i)).isEqualTo(1);
            assertThat(jdbc.sql("""
                            select count(*) from encounter e join patient p on p.id = e.patient_id
                            where p.mrn = ? and e.status = 'FINISHED'""")
                    .param(run + "M" + i).query(Long.class).single()).as("one encounter, discharged once").isEqualTo(1);
            assertThat(encounters(run + "M" + i)).isEqualTo(1);
        }
        assertThat(patients(run + "NOBODY")).isZero();
        // Group commit happened: the 41 stored messages were committed by fewer transactions than messages.
        long stored = jdbc.sql("select count(*) from hl7_message where control_id like ?").param(run + "%")
                .query(Long.class).single();
        long transactions = jdbc.sql("select count(distinct xmin::text) from hl7_message where control_id like ?")
                .param(run + "%").query(Long.class).single();
        assertThat(stored).isEqualTo(patients * 2 + 1);
        assertThat(transactions).isLessThan(stored);
    }

    private long patients(String mrn) {
        return jdbc.sql("select count(*) from patient where facility = 'GROUPFAC' and mrn = ?").param(mrn)
                .query(Long.class).single();
    }

    private long encounters(String mrn) {
        return jdbc.sql("select count(*) from encounter e join patient p on p.id = e.patient_id where p.mrn = ?")
                .param(mrn).query(Long.class).single();
    }

    private static void frame(ByteArrayOutputStream out, String message) {
        out.write(MllpFraming.START);
        out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
        out.write(MllpFraming.END);
        out.write(MllpFraming.CR);
    }

    static String message(String event, String control, String mrn, String visit) {
        String[] pv1 = new String[46];
        java.util.Arrays.fill(pv1, "");
        pv1[0] = "PV1";
        pv1[1] = "1";
        pv1[2] = "I";
        pv1[3] = "4E^401^A";
        pv1[19] = visit == null ? "" : visit;
        pv1[44] = "20260101120000+0000";
        if (event.equals("A03")) {
            pv1[45] = "20260103090000+0000";
        }
        return "MSH|^~\\&|GROUPTEST|GROUPFAC|CUSTODIAN|HIM|20260101120000||ADT^" + event + "|" + control + "|P|2.5.1\r"
                + "EVN|" + event + "|20260101120000\r"
                + "PID|1||" + mrn + "^^^GROUPFAC^MR||Group^Tess^Q||19700101|F\r"
                + String.join("|", pv1) + "\r";
    }
}
