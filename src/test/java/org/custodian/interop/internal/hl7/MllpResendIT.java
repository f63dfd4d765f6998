package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A resend of a message that FAILED is applied again (its failure may have been transient), while
 * a resend of one that was applied is only acknowledged again.
 */
@CustodianTest
class MllpResendIT {

    @Autowired
    AdtReceiver receiver;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aResentFailedDischargeIsAppliedOnceItsAdmissionHasArrived() {
        String run = AdtSamples.unique("RS");
        String discharge = MllpGroupCommitIT.message("A03", run + "D", run + "M", run + "V");
        String admit = MllpGroupCommitIT.message("A01", run + "A", run + "M", run + "V");

        AdtReceiver.Outcome early = receiver.receive(discharge);
        assertThat(early.ackCode()).isEqualTo("AE");
        assertThat(early.status()).isEqualTo("FAILED");

        assertThat(receiver.receive(admit).ackCode()).isEqualTo("AA");
        AdtReceiver.Outcome resent = receiver.receive(discharge);
        assertThat(resent.ackCode()).isEqualTo("AA");
        assertThat(resent.messageId()).isEqualTo(early.messageId());

        Map<String, Object> row = jdbc.sql("select status, ack_code, attempts, error from hl7_message where id = ?")
                .param(early.messageId()).query().singleRow();
        assertThat(row).containsEntry("status", "PROCESSED").containsEntry("ack_code", "AA").containsEntry("attempts", 2);
        assertThat(row.get("error")).isNull();
        assertThat(jdbc.sql("""
                        select count(*) from encounter e join patient p on p.id = e.patient_id
                        where p.mrn = ? and e.status = 'FINISHED'""").param(run + "M").query(Long.class).single())
                .isEqualTo(1);

        // Applied now: a further resend is a replay, acknowledged and not applied again.
        AdtReceiver.Outcome replay = receiver.receive(discharge);
        assertThat(replay.ackCode()).isEqualTo("AA");
        assertThat(jdbc.sql("select attempts from hl7_message where id = ?").param(early.messageId())
                .query(Integer.class).single()).isEqualTo(2);
    }
}
