package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Durable ACK for results and documents under a crash, as {@link MllpCrashIT} for ADT: the real
 * application in a child JVM; per patient an admission (A01, no visit number), a transcribed
 * discharge summary (MDM^T02), lab results (ORU^R01) and the summary's signature (MDM^T04) go to
 * it over MLLP; the child is killed with SIGKILL part-way, restarted, and every message not
 * acknowledged is sent again. Then every message is applied exactly once and none is lost: one
 * PROCESSED row per control id, each ORU's row on its patient, one encounter and one signed
 * document per patient (its unsigned original kept as its only earlier version).
 */
@CustodianTest
class MllpDocumentsCrashIT {

    static final int PATIENTS = 200;

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    record Sent(String controlId, String message) {
    }

    static List<Sent> feed(String run, int patients) {
        List<Sent> feed = new ArrayList<>(patients * 4);
        for (int i = 0; i < patients; i++) {
            String mrn = run + "-" + i;
            String doc = run + "D" + i;
            feed.add(new Sent(run + "A" + i, ResultFeed.admission("CRASHDOC", run + "A" + i, mrn, null)));
            feed.add(new Sent(run + "T" + i, ResultFeed.mdm("MDM-T02-discharge-summary.hl7", run + "T" + i, mrn, doc, null)
                    .replace("GHHSFacility", "CRASHDOC")));
            feed.add(new Sent(run + "R" + i, ResultFeed.oru("ORU-R01-results.hl7", run + "R" + i, mrn, run + "F" + i)
                    .replace("GHHLAB", "CRASHDOC")));
            feed.add(new Sent(run + "S" + i, ResultFeed.mdm("MDM-T04-signed.hl7", run + "S" + i, mrn, doc, null)
                    .replace("GHHSFacility", "CRASHDOC")));
        }
        return feed;
    }

    @Test
    void everyAcknowledgedResultAndDocumentIsAppliedExactlyOnceAcrossAKill9() throws Exception {
        String run = "Q" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase();
        List<Sent> feed = feed(run, PATIENTS);
        KillNineDrill.run(dataSource, "documents-crash", feed.stream()
                .map(m -> new KillNineDrill.Message(m.controlId(), m.message())).toList(), 300 + (int) (System.nanoTime() % 300));

        // One row per control id, all applied, each on its patient.
        Map<String, Object> rows = jdbc.sql("""
                        select count(*) as n, count(*) filter (where status = 'PROCESSED') as processed,
                               count(distinct control_id) as distinct_ids,
                               count(*) filter (where message_type = 'ORU^R01' and patient_id is not null) as results,
                               count(*) filter (where message_type like 'MDM^%' and patient_id is not null) as documents
                        from hl7_message where sending_facility = 'CRASHDOC' and control_id like ?""")
                .param(run + "%").query().singleRow();
        assertThat(((Number) rows.get("n")).longValue()).isEqualTo(feed.size());
        assertThat(((Number) rows.get("processed")).longValue()).isEqualTo(feed.size());
        assertThat(((Number) rows.get("distinct_ids")).longValue()).isEqualTo(feed.size());
        assertThat(((Number) rows.get("results")).longValue()).isEqualTo(PATIENTS);
        assertThat(((Number) rows.get("documents")).longValue()).isEqualTo(2L * PATIENTS);
        // Each patient: one encounter, one document, signed, with its unsigned original as its one earlier version.
        List<Map<String, Object>> patients = jdbc.sql("""
                        select p.mrn,
                               (select count(*) from encounter e where e.patient_id = p.id) as encounters,
                               (select count(*) from clinical_document d where d.patient_id = p.id) as documents,
                               (select count(*) from clinical_document d where d.patient_id = p.id and d.status = 'SIGNED')
                                   as signed,
                               (select count(*) from clinical_document_version v join clinical_document d
                                   on d.id = v.document_id where d.patient_id = p.id) as versions
                        from patient p where p.facility = 'CRASHDOC' and p.mrn like ?""")
                .param(run + "-%").query().listOfRows();
        assertThat(patients).hasSize(PATIENTS);
        List<String> wrong = new ArrayList<>();
        for (Map<String, Object> p : patients) {
            String counts = p.get("encounters") + "/" + p.get("documents") + "/" + p.get("signed") + "/" + p.get("versions");
            if (!counts.equals("1/1/1/1")) {
                wrong.add(p.get("mrn") + " " + counts);
            }
        }
        assertThat(wrong).as("patients without exactly one encounter and one signed document (one earlier version)")
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from hl7_document where sending_facility = 'CRASHDOC' and document_number like ?")
                .param(run + "D%").query(Long.class).single()).isEqualTo(PATIENTS);
    }
}
