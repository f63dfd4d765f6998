package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditTrail;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue #22, finding 1: the MLLP listener accepted anyone (an A08 from any host rewrote a
 * patient's address, an A40 merged two records). Now, off loopback, only over mutual TLS (HIPAA
 * 45 CFR 164.312(e)(1), transmission security) from a sender whose client certificate and
 * MSH-3/MSH-4 are on the allow-list (164.312(d), person or entity authentication), each sender
 * only with the message types it is allowed; and the peer is kept with every stored message and
 * in the audit events of what it changed (164.312(b)). A second listener of the shared
 * application, with its own TLS settings and certificates made here, on a real socket.
 */
@CustodianTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MllpTlsIT {

    static final String EHR_SUBJECT = "CN=ehr-adt,O=Custodian Test Hospital";

    @Autowired
    AdtReceiver receiver;
    @Autowired
    AdtApplierThread applier;
    @Autowired
    AuditTrail audit;
    @Autowired
    Clock clock;
    @Autowired
    JdbcClient jdbc;

    TestCertificates.Issued authority;
    TestCertificates.Issued ehr;
    TestCertificates.Issued lab;
    TestCertificates.Issued intruder;
    MllpServer tls;
    int port;

    @BeforeAll
    void startTlsListener() throws Exception {
        Path dir = Files.createTempDirectory("custodian-mllp-tls");
        authority = TestCertificates.selfSigned("CN=Custodian Test Interface CA,O=Custodian Test Hospital", true);
        TestCertificates.Issued listener = TestCertificates.issue(authority, "CN=custodian-mllp,O=Custodian Test Hospital", true);
        ehr = TestCertificates.issue(authority, EHR_SUBJECT, false);
        lab = TestCertificates.issue(authority, "CN=lab-system,O=Custodian Test Hospital", false);
        intruder = TestCertificates.issue(authority, "CN=intruder,O=Custodian Test Hospital", false);
        MllpSettings settings = new MllpSettings(false, 0, "127.0.0.1", null, null,
                new MllpSettings.Tls(TestCertificates.keystore(dir, "listener", listener).toString(),
                        new String(TestCertificates.PASSWORD), null,
                        TestCertificates.truststore(dir, "authorities", authority.certificate()).toString(),
                        new String(TestCertificates.PASSWORD), null),
                List.of(new MllpSettings.Sender("ehr", EHR_SUBJECT, null, "TLSEHR", "TLSFAC", List.of()),
                        // By fingerprint, colons and upper case as a certificate viewer shows it.
                        new MllpSettings.Sender("lab", null, colons(MllpSenders.fingerprint(lab.certificate())),
                                "TLSLAB", "TLSFAC", List.of("ADT^A08", "ADT^A28"))),
                null, null, null);
        tls = new MllpServer(receiver, applier, audit, clock, settings);
        port = tls.listen(0);
    }

    @AfterAll
    void stopTlsListener() {
        if (tls != null) {
            tls.stop();
        }
    }

    @Test
    void aTrustedSenderIsAcknowledgedOverTlsAndItsIdentityIsKeptWithTheMessageAndItsAuditEvents() throws Exception {
        String control = AdtSamples.unique("TC");
        String mrn = AdtSamples.unique("TM");
        try (MllpClient client = new MllpClient(TestCertificates.client(port, ehr, authority.certificate()))) {
            String ack = client.send(a28("TLSEHR", control, mrn));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AA");
        }
        Map<String, Object> row = jdbc.sql("select status, peer_address, peer_identity, patient_id from hl7_message"
                + " where control_id = ?").param(control).query().singleRow();
        assertThat(row).containsEntry("status", "PROCESSED").containsEntry("peer_address", "127.0.0.1")
                .containsEntry("peer_identity", EHR_SUBJECT);
        assertThat(jdbc.sql("""
                        select distinct client_address from audit_event
                        where patient_id = ? and resource_type = 'Patient' and action = 'CREATE'""")
                .param(row.get("patient_id")).query(String.class).list())
                .containsExactly("127.0.0.1 [" + EHR_SUBJECT + "]");
    }

    @Test
    void aPeerWithoutAClientCertificateIsRefused() {
        String control = AdtSamples.unique("TN");
        assertThatThrownBy(() -> {
            try (MllpClient client = new MllpClient(TestCertificates.client(port, null, authority.certificate()))) {
                client.send(a28("TLSEHR", control, AdtSamples.unique("TM")));
            }
        }).isInstanceOf(IOException.class);
        assertNotStored(control);
    }

    /** Same subject as the EHR's certificate, but no authority the listener trusts issued it. */
    @Test
    void aCertificateFromAnUntrustedAuthorityIsRefusedEvenWithAnAllowedSubject() throws Exception {
        TestCertificates.Issued forged = TestCertificates.selfSigned(EHR_SUBJECT, false);
        String control = AdtSamples.unique("TF");
        assertThatThrownBy(() -> {
            try (MllpClient client = new MllpClient(TestCertificates.client(port, forged, authority.certificate()))) {
                client.send(a28("TLSEHR", control, AdtSamples.unique("TM")));
            }
        }).isInstanceOf(IOException.class);
        assertNotStored(control);
    }

    /** The authority vouches for many systems; the allow-list says which may feed the registry. */
    @Test
    void aTrustedCertificateThatNoSenderNamesIsRefusedAndTheRefusalAudited() {
        String control = AdtSamples.unique("TI");
        assertThatThrownBy(() -> {
            try (MllpClient client = new MllpClient(TestCertificates.client(port, intruder, authority.certificate()))) {
                client.send(a28("TLSEHR", control, AdtSamples.unique("TM")));
            }
        }).isInstanceOf(IOException.class);
        assertNotStored(control);
        assertThat(jdbc.sql("""
                        select count(*) from audit_event
                        where resource_type = 'Hl7Connection' and action = 'ACCESS_DENIED' and outcome = 'FAILURE'
                          and client_address = '127.0.0.1 [CN=intruder,O=Custodian Test Hospital]'""")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void aPlainClientGetsNothingFromTheTlsListener() {
        String control = AdtSamples.unique("TP");
        assertThatThrownBy(() -> {
            try (MllpClient client = new MllpClient(port)) {
                client.send(a28("TLSEHR", control, AdtSamples.unique("TM")));
            }
        }).isInstanceOf(IOException.class);
        assertNotStored(control);
    }

    /** A trusted peer claiming another sender's MSH-3/MSH-4 (the lab's, or one nobody lists): AR, nothing applied. */
    @Test
    void aTrustedPeerSendingAsAnotherApplicationIsAnsweredArAndNothingIsApplied() throws Exception {
        try (MllpClient client = new MllpClient(TestCertificates.client(port, ehr, authority.certificate()))) {
            for (String application : List.of("TLSLAB", "SOMEONE")) {
                String control = AdtSamples.unique("TA");
                String mrn = AdtSamples.unique("TM");
                String ack = client.send(a28(application, control, mrn));
                assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AR");
                assertThat(ack).contains("not on the sender allow-list");
                assertThat(patients(mrn)).isZero();
                // Kept for review with its peer, but without its control id: a stored rejection must not
                // turn the real sender's message with that id into a "replay".
                assertThat(jdbc.sql("""
                                select count(*) from hl7_message where raw like ? and status = 'REJECTED'
                                  and control_id is null and peer_identity = ?""")
                        .params("%" + control + "%", EHR_SUBJECT).query(Long.class).single()).isEqualTo(1);
                assertThat(jdbc.sql("""
                                select a.client_address from audit_event a join hl7_message h on h.id::text = a.resource_id
                                where a.resource_type = 'Hl7Message' and a.action = 'ACCESS_DENIED' and h.raw like ?""")
                        .param("%" + control + "%").query(String.class).list())
                        .as("the refusal is audited").containsExactly("127.0.0.1 [" + EHR_SUBJECT + "]");
            }
        }
    }

    /** A lab system may update demographics but not merge records: ADT^A40 from it is refused with the reason. */
    @Test
    void aSenderIsRefusedAMessageTypeItIsNotAllowed() throws Exception {
        String surviving = AdtSamples.unique("TS");
        String prior = AdtSamples.unique("TR");
        try (MllpClient ehrClient = new MllpClient(TestCertificates.client(port, ehr, authority.certificate()))) {
            for (String mrn : List.of(surviving, prior)) {
                assertThat(MllpClient.code(ehrClient.send(a28("TLSEHR", AdtSamples.unique("TC"), mrn)))).isEqualTo("AA");
            }
        }
        try (MllpClient labClient = new MllpClient(TestCertificates.client(port, lab, authority.certificate()))) {
            String merge = labClient.send(a40("TLSLAB", AdtSamples.unique("TC"), surviving, prior));
            assertThat(MllpClient.code(merge)).as(merge).isEqualTo("AR");
            assertThat(merge).contains("sender lab is not allowed to send ADT event A40");
            String update = labClient.send(a28("TLSLAB", AdtSamples.unique("TC"), surviving).replace("ADT^A28", "ADT^A08")
                    .replace("EVN|A28", "EVN|A08"));
            assertThat(MllpClient.code(update)).as(update).isEqualTo("AA");
        }
        assertThat(jdbc.sql("select count(*) from patient where facility = 'TLSFAC' and mrn = ? and merged_into is not null")
                .param(prior).query(Long.class).single()).as("not merged").isZero();
    }

    /** Plain MLLP off loopback would put PHI on the network in clear text from anyone: the listener will not start. */
    @Test
    void plainMllpRefusesToListenOnANonLoopbackAddress() {
        MllpServer open = new MllpServer(receiver, applier, audit, clock,
                new MllpSettings(true, 0, "0.0.0.0", null, null, null, List.of(), null, null, null));
        assertThatThrownBy(() -> open.listen(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("custodian.mllp.bind-address 0.0.0.0 is not a loopback address")
                .hasMessageContaining("custodian.mllp.tls");
        assertThat(open.isRunning()).isFalse();
    }

    private void assertNotStored(String control) {
        assertThat(jdbc.sql("select count(*) from hl7_message where raw like ?").param("%" + control + "%")
                .query(Long.class).single()).as("nothing stored from a refused peer").isZero();
    }

    private long patients(String mrn) {
        return jdbc.sql("select count(*) from patient where mrn = ?").param(mrn).query(Long.class).single();
    }

    private static String colons(String hex) {
        return hex.toUpperCase().replaceAll("(..)(?!$)", "$1:");
    }

    static String a28(String application, String control, String mrn) {
        return "MSH|^~\\&|" + application + "|TLSFAC|CUSTODIAN|HIM|20260101120000||ADT^A28|" + control + "|P|2.5.1\r"
                + "EVN|A28|20260101120000\r"
                + "PID|1||" + mrn + "^^^TLSFAC^MR||Tlsperson^Ann^Q||19800101|F\r";
    }

    static String a40(String application, String control, String surviving, String prior) {
        return "MSH|^~\\&|" + application + "|TLSFAC|CUSTODIAN|HIM|20260101120000||ADT^A40|" + control + "|P|2.5.1\r"
                + "EVN|A40|20260101120000\r"
                + "PID|1||" + surviving + "^^^TLSFAC^MR||Tlsperson^Ann^Q||19800101|F\r"
                + "MRG|" + prior + "^^^TLSFAC^MR\r";
    }
}
