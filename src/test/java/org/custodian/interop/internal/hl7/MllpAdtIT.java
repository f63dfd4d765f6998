package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.EncounterLifecycle;
import org.custodian.chart.EncounterState;
import org.custodian.chart.EncounterStatus;
import org.custodian.patient.PatientRegistry;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The MLLP listener over a real socket with the real sample messages of ../shared/data/hl7v2. */
@CustodianTest
class MllpAdtIT {

    @Autowired
    MllpServer server;
    @Autowired
    EncounterLifecycle encounters;
    @Autowired
    PatientRegistry patients;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.custodian.mpi.MasterPatientIndex mpi;
    @Autowired
    org.custodian.support.StaffAccounts accounts;
    @Autowired
    org.custodian.mpi.RegistrationScreen screen;

    int port;

    @BeforeEach
    void listen() throws Exception {
        port = server.listen(0);
    }

    @Test
    void admitUpdateDischargeGivesOneEncounterWithTheRightTimes() throws Exception {
        String mrn = AdtSamples.unique("M");
        String visit = AdtSamples.unique("V");
        try (MllpClient client = new MllpClient(port)) {
            for (String sample : List.of("ADT-A01-01.hl7", "ADT-A08-01.hl7", "ADT-A03-01.hl7")) {
                String ack = client.send(AdtSamples.rewrite(AdtSamples.read(sample), AdtSamples.unique("C"), mrn, visit, null));
                assertThat(MllpClient.code(ack)).as(sample + ": " + ack).isEqualTo("AA");
            }
        }
        long patientId = patients.idByMrn("GHHSFACILITY", mrn).orElseThrow();
        // Where the registration came from, for AHIMA's duplicate creation rate by source (issue #19).
        assertThat(jdbc.sql("select registration_source from patient where id = ?").param(patientId).query(String.class).single())
                .isEqualTo("ADT_FEED");
        EncounterState e = encounters.byNumber(visit).orElseThrow();
        assertThat(e.patientId()).isEqualTo(patientId);
        // PV1-44 20150208113419+0110 and PV1-45 20150209113419+0110
        assertThat(e.admitAt()).isEqualTo(Instant.parse("2015-02-08T10:24:19Z"));
        assertThat(e.dischargeAt()).isEqualTo(Instant.parse("2015-02-09T10:24:19Z"));
        assertThat(e.status()).isEqualTo(EncounterStatus.FINISHED);
        assertThat(e.location()).isEqualTo("HUH AE OMU/OMU B/Bed 03");
        assertThat(jdbc.sql("select count(*) from encounter where patient_id = ?").param(patientId).query(Long.class).single())
                .isEqualTo(1);
        // The demo listener's peer: its address and "loopback-plain", on the rows and on the audit events.
        assertThat(jdbc.sql("select distinct peer_address || ' ' || peer_identity from hl7_message where patient_id = ?")
                .param(patientId).query(String.class).list()).containsExactly("127.0.0.1 loopback-plain");
        assertThat(jdbc.sql("select distinct client_address from audit_event where patient_id = ? and username = ?")
                .params(patientId, AdtReceiver.FEED_USER).query(String.class).list())
                .containsExactly("127.0.0.1 [loopback-plain]");
    }

    @Test
    void anA40MergesThroughTheMasterPatientIndex() throws Exception {
        String surviving = AdtSamples.unique("S");
        String prior = AdtSamples.unique("R");
        // Two registrations of one person from the A40's sending facility ("Ntierprise Clinic").
        String a28 = AdtSamples.read("ADT-A28-01.hl7").replace("GHHSFacility", "Ntierprise Clinic");
        try (MllpClient client = new MllpClient(port)) {
            for (String mrn : List.of(surviving, prior)) {
                assertThat(MllpClient.code(client.send(AdtSamples.rewrite(a28, AdtSamples.unique("C"), mrn, null, null))))
                        .isEqualTo("AA");
            }
            String ack = client.send(AdtSamples.rewrite(AdtSamples.read("ADT-A40-01.hl7"), AdtSamples.unique("C"),
                    surviving, null, prior));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AA");
        }
        long survivingId = patients.idByMrn("NTIERPRISE_CLINIC", surviving).orElseThrow();
        long retiredId = patients.idByMrn("NTIERPRISE_CLINIC", prior).orElseThrow();
        assertThat(mpi.survivorOf(retiredId)).isEqualTo(survivingId);
        assertThat(mpi.mergesOf(survivingId)).singleElement()
                .satisfies(m -> assertThat(m.reason()).startsWith("HL7 v2 ADT^A40"));
        // The retired MRN now stands for the survivor: a later message about it lands there.
        assertThat(mpi.resolveMrn("NTIERPRISE_CLINIC", prior)).contains(survivingId);
    }

    /**
     * The MPI's registration check on the feed: a new MRN for someone already registered under
     * another is registered (the EHR's MRN is the EHR's) and the pair goes to the duplicate worklist.
     */
    @Test
    void aNewMrnForAnAlreadyRegisteredPersonGoesToTheDuplicateWorklist() throws Exception {
        String family = org.custodian.support.TestPatients.uniqueName("Adtdup");
        long[] existing = new long[1];
        accounts.runAs(org.custodian.privacy.Role.CLINICIAN, () -> existing[0] = patients.register(new org.custodian.patient.NewPatient(
                null, null, "Katherine", null, family, java.time.LocalDate.of(1958, 11, 23), org.custodian.patient.AdministrativeSex.F,
                "318-44-5021", new org.custodian.patient.Address("77 Juniper Rd", "Springfield", "IL", "62704"), "217-555-0187",
                List.of())).id());
        String mrn = AdtSamples.unique("M");
        String a04 = "MSH|^~\\&|REG|DUPFAC|CUSTODIAN|HIM|20260301080000||ADT^A04|" + AdtSamples.unique("C") + "|P|2.5.1\r"
                + "EVN|A04|20260301080000\r"
                + "PID|1||" + mrn + "^^^DUPFAC^MR||" + family + "^Kathy||19581123|F|||77 Juniper Rd^^Springfield^IL^62704||217-555-0187|||||||318-44-5021\r"
                + "PV1|1|O|CLINIC^1^1||||1234^Welby^Marcus|||MED\r";
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(a04);
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AA");
        }
        long registered = patients.idByMrn("DUPFAC", mrn).orElseThrow();
        assertThat(registered).isNotEqualTo(existing[0]);
        // Screened after the commit (the background worker, or this call, whichever takes it first).
        List<String> pairs = List.of();
        for (long deadline = System.currentTimeMillis() + 60_000; pairs.isEmpty() && System.currentTimeMillis() < deadline; ) {
            screen.screenQueued();
            pairs = jdbc.sql("""
                            select source from mpi_pair
                            where least(patient_a, patient_b) = least(?, ?) and greatest(patient_a, patient_b) = greatest(?, ?)""")
                    .params(existing[0], registered, existing[0], registered).query(String.class).list();
            if (pairs.isEmpty()) {
                Thread.sleep(200);
            }
        }
        assertThat(pairs).containsExactly("REGISTRATION");
        // The screen appends its batch's audit events together before its commit: the proposal is in the log.
        assertThat(jdbc.sql("""
                        select count(*) from audit_event
                        where patient_id = ? and resource_type = 'DuplicatePair' and action = 'CREATE'""")
                .param(registered).query(Long.class).single()).as("the proposed pair is audited").isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from mpi_screening_queue where patient_id = ?").param(registered)
                .query(Long.class).single()).as("screened once, then off the queue").isZero();
    }

    /** PV1-7 attending, PV1-9 consulting and PV1-17 admitting become provider-directory references on the encounter. */
    @Test
    void theVisitsDoctorsBecomePractitionerReferences() throws Exception {
        String family = org.custodian.support.TestPatients.uniqueName("Adtdoc");
        String mrn = AdtSamples.unique("M");
        String visit = AdtSamples.unique("V");
        String a01 = "MSH|^~\\&|REG|DOCFAC|CUSTODIAN|HIM|20260301080000||ADT^A01|" + AdtSamples.unique("C") + "|P|2.5.1\r"
                + "EVN|A01|20260301080000\r"
                + "PID|1||" + mrn + "^^^DOCFAC^MR||" + family + "^Ada||19600101|F\r"
                + "PV1|1|I|W1^1^1||||1111^Attend^Alma||2222^Consult^Carl~3333^Second^Sara|MED|||||||4444^Admit^Abe||" + visit + "\r";
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(a01);
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AA");
        }
        long encounter = encounters.byNumber(visit).orElseThrow().id();
        List<String> roles = jdbc.sql("""
                        select p.role || ':' || d.name from encounter_participant p join practitioner d on d.id = p.practitioner_id
                        where p.encounter_id = ? order by 1""").param(encounter).query(String.class).list();
        assertThat(roles).containsExactly("ADMITTING:Abe Admit", "ATTENDING:Alma Attend", "CONSULTING:Carl Consult",
                "CONSULTING:Sara Second");
    }

    @Test
    void aReplayIsAcknowledgedAndNotAppliedTwice() throws Exception {
        String mrn = AdtSamples.unique("M");
        String message = AdtSamples.rewrite(AdtSamples.read("ADT-A01-01.hl7"), AdtSamples.unique("C"), mrn, null, null);
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(message))).isEqualTo("AA");
            assertThat(MllpClient.code(client.send(message))).isEqualTo("AA");
        }
        long patientId = patients.idByMrn("GHHSFACILITY", mrn).orElseThrow();
        // No visit number: Custodian numbered the encounter; a second application would have made two.
        assertThat(jdbc.sql("select count(*) from encounter where patient_id = ?").param(patientId).query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void garbageGetsArAndTheListenerKeepsServing() throws Exception {
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send("this is not HL7 at all".getBytes(StandardCharsets.UTF_8));
            assertThat(MllpClient.code(ack)).isEqualTo("AR");
            assertThat(AdtSamples.field(ack, "ERR", 0)).isEqualTo("ERR");
            client.sendRaw("junk outside any frame".getBytes(StandardCharsets.UTF_8));
            String next = client.send(AdtSamples.rewrite(AdtSamples.read("ADT-A28-01.hl7"), AdtSamples.unique("C"),
                    AdtSamples.unique("M"), null, null));
            assertThat(MllpClient.code(next)).isEqualTo("AA");
        }
        try (MllpClient another = new MllpClient(port)) {
            assertThat(MllpClient.code(another.send(AdtSamples.rewrite(AdtSamples.read("ADT-A28-02.hl7"),
                    AdtSamples.unique("C"), AdtSamples.unique("M"), null, null)))).isEqualTo("AA");
        }
    }

    @Test
    void lineFeedsAndAByteOrderMarkAreAccepted() throws Exception {
        String mrn = AdtSamples.unique("M");
        String message = "\uFEFF" + AdtSamples.rewrite(AdtSamples.read("ADT-A28-01.hl7"), AdtSamples.unique("C"), mrn, null, null)
                .replace("\r", "\n");
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(message))).isEqualTo("AA");
        }
        assertThat(patients.idByMrn("GHHSFACILITY", mrn)).isPresent();
    }

    @Test
    void aMessageThatCannotBeAppliedGetsAeNamingTheFieldAndIsKept() throws Exception {
        String control = AdtSamples.unique("C");
        // A discharge for a patient nobody admitted.
        String message = AdtSamples.rewrite(AdtSamples.read("ADT-A03-01.hl7"), control, AdtSamples.unique("M"),
                AdtSamples.unique("V"), null);
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(message);
            assertThat(MllpClient.code(ack)).isEqualTo("AE");
            assertThat(ack).contains("ERR|").contains("PID");
        }
        assertThat(jdbc.sql("select status || ' ' || error from hl7_message where control_id = ?").param(control)
                .query(String.class).single()).startsWith("FAILED PID-3:");
    }

    /** Every sample HAPI can parse is accepted, or answered AE/AR with an ERR that says why. */
    @Test
    void everySampleIsAcceptedOrGivenANamedError() throws Exception {
        List<String> outcomes = new ArrayList<>();
        try (MllpClient client = new MllpClient(port)) {
            for (Path file : AdtSamples.all()) {
                String sample = AdtSamples.read(file);
                String ack = client.send(AdtSamples.rewrite(sample, AdtSamples.unique("C"), AdtSamples.unique("M"),
                        AdtSamples.unique("V"), AdtSamples.unique("P")).getBytes(StandardCharsets.ISO_8859_1));
                String code = MllpClient.code(ack);
                outcomes.add(file.getFileName() + " " + code);
                assertThat(code).as(file.toString()).isIn("AA", "AE", "AR");
                if (!code.equals("AA")) {
                    assertThat(AdtSamples.field(ack, "ERR", 0)).as(file + " has an ERR segment").isEqualTo("ERR");
                }
            }
        }
        System.out.println("HL7 samples: " + outcomes);
        // The supported events among the samples are applied.
        assertThat(outcomes).contains("ADT-A01-01.hl7 AA", "ADT-A04-01.hl7 AA", "ADT-A05-01.hl7 AA", "ADT-A28-01.hl7 AA",
                "ADT-A31-01.hl7 AA", "ADT01-23.hl7 AA", "ADT04-251.hl7 AA");
        assertThat(outcomes).contains("ADT-A06-01.hl7 AR"); // an event Custodian does not take
        // A40 for two MRNs nobody registered: a named AE (MRG-1 unknown), nothing merged.
        assertThat(outcomes).contains("ADT-A40-01.hl7 AE");
    }
}
