package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.custodian.chart.EncounterLifecycle;
import org.custodian.patient.PatientRegistry;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * MDM over the MLLP listener, a real socket: T02 files a chart document, T04 signs it, T08 amends
 * it (the signed version kept), T11 cancels one not yet signed; replays and resends apply nothing
 * twice; a patient or document the chart does not know is an AE naming the field.
 */
@CustodianTest
class MllpDocumentsIT {

    static final String FACILITY = "GHHSFacility";
    static final String CODE = "GHHSFACILITY";

    @Autowired
    MllpServer server;
    @Autowired
    PatientRegistry patients;
    @Autowired
    EncounterLifecycle encounters;
    @Autowired
    JdbcClient jdbc;

    int port;
    String mrn;
    String visit;
    String doc;

    @BeforeEach
    void listenAndAdmit() throws Exception {
        port = server.listen(0);
        mrn = AdtSamples.unique("M");
        visit = AdtSamples.unique("V");
        doc = AdtSamples.unique("D");
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.admission(FACILITY, AdtSamples.unique("C"), mrn, visit))))
                    .isEqualTo("AA");
        }
    }

    private Map<String, Object> document() {
        return jdbc.sql("""
                        select d.id, d.patient_id, d.encounter_id, d.doc_type, d.title, d.author, d.body, d.status,
                               d.created_at, d.signed_by, d.signed_at
                        from clinical_document d join hl7_document h on h.document_id = d.id
                        where h.sending_facility = ? and h.document_number = ?""")
                .params(CODE, doc + "^TRANSCRIBE").query().singleRow();
    }

    private long documentsOfPatient() {
        return jdbc.sql("select count(*) from clinical_document where patient_id = ?")
                .param(patients.idByMrn(CODE, mrn).orElseThrow()).query(Long.class).single();
    }

    private static Instant at(Object timestamp) {
        return ((java.time.OffsetDateTime) jdbc(timestamp)).toInstant();
    }

    private static Object jdbc(Object v) {
        return v instanceof java.sql.Timestamp t ? t.toInstant().atOffset(java.time.ZoneOffset.UTC) : v;
    }

    @Test
    void anOriginalIsFiledOnceThenSignedThenAmendedKeepingEachVersion() throws Exception {
        String t02 = ResultFeed.mdm("MDM-T02-discharge-summary.hl7", AdtSamples.unique("C"), mrn, doc, visit);
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(t02))).isEqualTo("AA");
            // Replay: same control id, answered as the first time, applied once.
            assertThat(MllpClient.code(client.send(t02))).isEqualTo("AA");
            // The same original under a new control id (an interface engine's resend): still one document.
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T02-discharge-summary.hl7", AdtSamples.unique("C"),
                    mrn, doc, visit)))).isEqualTo("AA");
        }
        assertThat(documentsOfPatient()).isEqualTo(1);
        Map<String, Object> d = document();
        assertThat(d.get("patient_id")).isEqualTo(patients.idByMrn(CODE, mrn).orElseThrow());
        assertThat(d.get("encounter_id")).isEqualTo(encounters.byNumber(visit).orElseThrow().id());
        assertThat(d.get("doc_type")).isEqualTo("DISCHARGE_SUMMARY");
        assertThat(d.get("title")).isEqualTo("Discharge summary");
        assertThat(d.get("author")).isEqualTo("Marcus Welby");
        assertThat(d.get("status")).isEqualTo("UNSIGNED"); // TXA-17 DO: documented, awaiting signature
        assertThat(d.get("body")).isEqualTo("""
                Admitted with community acquired pneumonia.
                Treated with ceftriaxone and azithromycin.
                Discharged home in stable condition.""");
        assertThat(at(d.get("created_at"))).isEqualTo(Instant.parse("2026-03-01T11:30:00Z")); // TXA-6
        assertThat(d.get("signed_by")).isNull();

        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T04-signed.hl7", AdtSamples.unique("C"), mrn, doc,
                    null)))).isEqualTo("AA");
        }
        d = document();
        assertThat(d.get("status")).isEqualTo("SIGNED");
        assertThat(d.get("signed_by")).isEqualTo("Marcus Welby"); // TXA-22
        assertThat(at(d.get("signed_at"))).isEqualTo(Instant.parse("2026-03-01T14:00:00Z"));

        String t08 = ResultFeed.mdm("MDM-T08-edit.hl7", AdtSamples.unique("C"), mrn, doc, null);
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(t08))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(t08))).isEqualTo("AA");
        }
        d = document();
        assertThat(d.get("status")).isEqualTo("AMENDED");
        assertThat((String) d.get("body")).endsWith("Follow up with primary care in one week.");
        assertThat(at(d.get("signed_at"))).isEqualTo(Instant.parse("2026-03-02T08:59:00Z"));
        // Every replaced version kept: the unsigned original and the signed text the amendment changed.
        List<String> versions = jdbc.sql("""
                        select version || ' ' || status || ' ' || coalesce(signed_by, '-') from clinical_document_version
                        where document_id = ? order by version""").param(d.get("id")).query(String.class).list();
        assertThat(versions).containsExactly("1 UNSIGNED -", "2 SIGNED Marcus Welby");
        assertThat(jdbc.sql("select body from clinical_document_version where document_id = ? and version = 2")
                .param(d.get("id")).query(String.class).single()).endsWith("Discharged home in stable condition.");
        assertThat(documentsOfPatient()).isEqualTo(1);
        // The feed's changes are audited as the feed's user.
        assertThat(jdbc.sql("""
                        select count(*) from audit_event where resource_type = 'DocumentReference' and resource_id = ?
                        and username = ? and action = 'UPDATE'""")
                .params(String.valueOf(d.get("id")), AdtReceiver.FEED_USER).query(Long.class).single()).isEqualTo(2);
    }

    private String numbered(String sample, String newNumber) {
        return ResultSamples.fill(sample, Map.of("CONTROL", AdtSamples.unique("C"), "MRN", mrn, "DOC", doc, "NEW", newNumber));
    }

    /**
     * T06 files an addendum beside its original (same encounter, the original untouched); T10 replaces
     * the original with an edited version under a new number (the replaced text kept as a version).
     * Each replayed, and resent under a new control id, applies once.
     */
    @Test
    void anAddendumIsFiledBesideItsOriginalAndAReplacementKeepsTheReplacedVersion() throws Exception {
        String addendumNumber = AdtSamples.unique("A");
        String replacementNumber = AdtSamples.unique("R");
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T02-discharge-summary.hl7", AdtSamples.unique("C"),
                    mrn, doc, visit)))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T04-signed.hl7", AdtSamples.unique("C"), mrn, doc,
                    null)))).isEqualTo("AA");
            String t06 = numbered("MDM-T06-addendum.hl7", addendumNumber);
            assertThat(MllpClient.code(client.send(t06))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(t06))).as("replay").isEqualTo("AA");
            assertThat(MllpClient.code(client.send(numbered("MDM-T06-addendum.hl7", addendumNumber)))).as("resend").isEqualTo("AA");
        }
        Map<String, Object> original = document();
        assertThat(documentsOfPatient()).isEqualTo(2);
        Map<String, Object> addendum = jdbc.sql("""
                        select d.id, d.encounter_id, d.title, d.status, d.body, d.signed_by from clinical_document d
                        join hl7_document h on h.document_id = d.id where h.sending_facility = ? and h.document_number = ?""")
                .params(CODE, addendumNumber + "^TRANSCRIBE").query().singleRow();
        assertThat(addendum.get("id")).isNotEqualTo(original.get("id"));
        assertThat(addendum.get("encounter_id")).isEqualTo(original.get("encounter_id"));
        assertThat(addendum.get("title")).isEqualTo("Addendum to Discharge summary");
        assertThat(addendum.get("status")).isEqualTo("SIGNED");
        assertThat(addendum.get("signed_by")).isEqualTo("Marcus Welby");
        assertThat((String) addendum.get("body")).contains("Streptococcus pneumoniae");
        assertThat(original.get("status")).as("the original is not changed by an addendum").isEqualTo("SIGNED");

        try (MllpClient client = new MllpClient(port)) {
            String t10 = numbered("MDM-T10-replace.hl7", replacementNumber);
            assertThat(MllpClient.code(client.send(t10))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(t10))).as("replay").isEqualTo("AA");
            assertThat(MllpClient.code(client.send(numbered("MDM-T10-replace.hl7", replacementNumber)))).as("resend").isEqualTo("AA");
        }
        Map<String, Object> replaced = document();
        assertThat(replaced.get("id")).isEqualTo(original.get("id"));
        assertThat(documentsOfPatient()).as("a replacement is a version, not another document").isEqualTo(2);
        assertThat((String) replaced.get("body")).contains("pneumonia of the right lower lobe");
        assertThat(replaced.get("status")).as("a signed document's text changed: amended").isEqualTo("AMENDED");
        assertThat(jdbc.sql("select document_id from hl7_document where sending_facility = ? and document_number = ?")
                .params(CODE, replacementNumber + "^TRANSCRIBE").query(Long.class).single()).isEqualTo(original.get("id"));
        List<String> versions = jdbc.sql("""
                        select version || ' ' || status from clinical_document_version where document_id = ? order by version""")
                .param(original.get("id")).query(String.class).list();
        assertThat(versions).as("the replayed replacement added one version only").containsExactly("1 UNSIGNED", "2 SIGNED");

        // An addendum to a document the chart does not know is an AE naming TXA-13.
        try (MllpClient client = new MllpClient(port)) {
            String orphan = ResultSamples.fill("MDM-T06-addendum.hl7", Map.of("CONTROL", AdtSamples.unique("C"), "MRN", mrn,
                    "DOC", AdtSamples.unique("X"), "NEW", AdtSamples.unique("A")));
            String ack = client.send(orphan);
            assertThat(MllpClient.code(ack)).isEqualTo("AE");
            assertThat(ack).contains("TXA^1^13");
        }
    }

    @Test
    void aCancellationWithdrawsAnUnsignedDocumentButNotASignedOne() throws Exception {
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T02-discharge-summary.hl7", AdtSamples.unique("C"),
                    mrn, doc, visit)))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T11-cancel.hl7", AdtSamples.unique("C"), mrn, doc,
                    null)))).isEqualTo("AA");
        }
        assertThat(document().get("status")).isEqualTo("CANCELLED");
        // An edit of a cancelled document: AE, nothing changed.
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(ResultFeed.mdm("MDM-T08-edit.hl7", AdtSamples.unique("C"), mrn, doc, null));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AE");
        }
        assertThat(document().get("status")).isEqualTo("CANCELLED");

        String signed = AdtSamples.unique("D");
        String control = AdtSamples.unique("C");
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T02-discharge-summary.hl7", AdtSamples.unique("C"),
                    mrn, signed, visit)))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T04-signed.hl7", AdtSamples.unique("C"), mrn, signed,
                    null)))).isEqualTo("AA");
            String ack = client.send(ResultFeed.mdm("MDM-T11-cancel.hl7", control, mrn, signed, null));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AE");
            assertThat(AdtSamples.field(ack, "ERR", 0)).isEqualTo("ERR");
        }
        doc = signed;
        assertThat(document().get("status")).isEqualTo("SIGNED");
        assertThat(jdbc.sql("select status || ' ' || error from hl7_message where control_id = ?").param(control)
                .query(String.class).single()).startsWith("FAILED TXA-12: the document is signed");
    }

    @Test
    void anUnknownPatientOrDocumentIsAnAeNamingTheFieldAndNothingIsFiled() throws Exception {
        String stranger = AdtSamples.unique("M");
        String control = AdtSamples.unique("C");
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(ResultFeed.mdm("MDM-T02-discharge-summary.hl7", control, stranger, doc, null));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AE");
            assertThat(ack).contains("ERR|").contains("PID^1^3");
        }
        assertThat(jdbc.sql("select status || ' ' || error from hl7_message where control_id = ?").param(control)
                .query(String.class).single()).startsWith("FAILED PID-3: no patient with this MRN at the sending facility");
        assertThat(jdbc.sql("select count(*) from hl7_document where document_number = ?").param(doc + "^TRANSCRIBE")
                .query(Long.class).single()).isZero();

        String edit = AdtSamples.unique("C");
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(ResultFeed.mdm("MDM-T08-edit.hl7", edit, mrn, doc, null));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AE");
        }
        assertThat(jdbc.sql("select error from hl7_message where control_id = ?").param(edit).query(String.class).single())
                .startsWith("TXA-12: no document with this number");
        assertThat(documentsOfPatient()).isZero();
    }

    /** A number already filed for another patient is refused: a transcription system's mix-up never moves a note. */
    @Test
    void aDocumentNumberOfAnotherPatientIsRefused() throws Exception {
        String other = AdtSamples.unique("M");
        String control = AdtSamples.unique("C");
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.admission(FACILITY, AdtSamples.unique("C"), other, null))))
                    .isEqualTo("AA");
            assertThat(MllpClient.code(client.send(ResultFeed.mdm("MDM-T02-discharge-summary.hl7", AdtSamples.unique("C"),
                    mrn, doc, visit)))).isEqualTo("AA");
            String ack = client.send(ResultFeed.mdm("MDM-T08-edit.hl7", control, other, doc, null));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AE");
        }
        assertThat(jdbc.sql("select error from hl7_message where control_id = ?").param(control).query(String.class).single())
                .isEqualTo("TXA-12: the document with this number belongs to another patient");
        assertThat(document().get("status")).isEqualTo("UNSIGNED");
    }
}
