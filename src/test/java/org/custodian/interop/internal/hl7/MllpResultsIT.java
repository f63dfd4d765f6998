package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.custodian.interop.FhirBundleImport;
import org.custodian.patient.PatientRegistry;
import org.custodian.support.CustodianTest;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * ORU^R01 over the MLLP listener, a real socket: the message is kept, acknowledged AA only after
 * its results went through the FHIR import in the same transaction, a replay is answered without
 * being applied again, a correction (OBX-11 C) maps onto the result it corrects, and a patient
 * the registry does not know is an AE naming PID-3.
 *
 * <p>The results are kept in the patient's record (the chart's clinical resources), their subject
 * resolved by the MRN to the registered patient.
 */
@CustodianTest
class MllpResultsIT {

    static final String FACILITY = "GHHLAB";

    @Autowired
    MllpServer server;
    @Autowired
    PatientRegistry patients;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FhirBundleImport fhirImport;
    @Autowired
    FhirContext fhir;

    int port;
    String mrn;
    String filler;

    @BeforeEach
    void listenAndAdmit() throws Exception {
        port = server.listen(0);
        mrn = AdtSamples.unique("M");
        filler = AdtSamples.unique("F");
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.admission(FACILITY, AdtSamples.unique("C"), mrn, null))))
                    .isEqualTo("AA");
        }
    }

    private OruMapper.Mapped storedAndMapped(String control) throws Exception {
        String raw = jdbc.sql("select raw from hl7_message where control_id = ? and status = 'PROCESSED'").param(control)
                .query(String.class).single();
        return OruMapper.map(Hl7Parsing.parse(raw), "GHHLAB", mrn);
    }

    private static Observation byLoinc(OruMapper.Mapped m, String loinc) {
        return m.observations().stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals(loinc))
                .findFirst().orElseThrow();
    }

    @Test
    void resultsAreAcknowledgedOnceStoredAndAReplayIsNotAppliedAgain() throws Exception {
        String control = AdtSamples.unique("C");
        String oru = ResultFeed.oru("ORU-R01-results.hl7", control, mrn, filler);
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(oru);
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AA");
            assertThat(AdtSamples.field(ack, "MSA", 2)).isEqualTo(control);
            assertThat(MllpClient.code(client.send(oru))).isEqualTo("AA");
        }
        long patientId = patients.idByMrn("GHHLAB", mrn).orElseThrow();
        assertThat(jdbc.sql("""
                        select status || ' ' || ack_code || ' ' || message_type || ' ' || patient_id || ' ' || attempts
                        from hl7_message where control_id = ?""").param(control).query(String.class).list())
                .containsExactly("PROCESSED AA ORU^R01 " + patientId + " 1");

        OruMapper.Mapped m = storedAndMapped(control);
        assertThat(m.reports()).hasSize(2);
        assertThat(m.observations()).hasSize(6);
        assertThat(byLoinc(m, "2823-3").getValueQuantity().getValue()).isEqualByComparingTo("6.9");
        assertThat(byLoinc(m, "2823-3").getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("HH");
        // What the listener handed over is a bundle the import accepts whole (re-imported here: nothing changes).
        // As the feed: a resource id is its sender's, so only the same sender's re-send is recognised.
        FhirBundleImport.Result again = org.custodian.privacy.SystemAccess.call(AdtReceiver.FEED_USER,
                org.custodian.privacy.Role.INTERFACE_ENGINE.permissions(), () -> fhirImport.importContent("check.json",
                        fhir.newJsonParser().encodeResourceToString(m.bundle()).getBytes(StandardCharsets.UTF_8)));
        assertThat(again.rejection()).isNull();
        assertThat(again.resources()).isEqualTo(8);
        // Kept in the patient's record (the chart's clinical resources), once, replay or not.
        assertThat(jdbc.sql("select resource_type || ' ' || count(*) from clinical_resource where patient_id = ? group by resource_type order by 1")
                .param(patientId).query(String.class).list()).containsExactly("DiagnosticReport 2", "Observation 6");
        // The feed's audit trail names the patient's message, from the peer.
        assertThat(jdbc.sql("select distinct peer_identity from hl7_message where control_id = ?").param(control)
                .query(String.class).list()).containsExactly("loopback-plain");
    }

    @Test
    void aCorrectionIsAcceptedAndReplacesTheResultItCorrects() throws Exception {
        String first = AdtSamples.unique("C");
        String correction = AdtSamples.unique("C");
        try (MllpClient client = new MllpClient(port)) {
            assertThat(MllpClient.code(client.send(ResultFeed.oru("ORU-R01-results.hl7", first, mrn, filler))))
                    .isEqualTo("AA");
            String ack = client.send(ResultFeed.oru("ORU-R01-correction.hl7", correction, mrn, filler));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AA");
        }
        Observation before = byLoinc(storedAndMapped(first), "718-7");
        Observation after = byLoinc(storedAndMapped(correction), "718-7");
        assertThat(after.getIdPart()).isEqualTo(before.getIdPart());
        assertThat(before.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(after.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(after.getValueQuantity().getValue()).isEqualByComparingTo("14.1");
        assertThat(jdbc.sql("select count(*) from hl7_message where control_id in (?, ?) and status = 'PROCESSED'")
                .params(first, correction).query(Long.class).single()).isEqualTo(2);
        // Kept once, as a new version of the result it corrects (the first stays in the version history).
        assertThat(jdbc.sql("""
                        select version || ' ' || (resource->>'status') || ' ' || (resource->'valueQuantity'->>'value')
                        from clinical_resource where resource_type = 'Observation' and source_key = ?""")
                .param("id:" + AdtReceiver.FEED_USER + "|" + after.getIdPart()).query(String.class).list()).containsExactly("2 corrected 14.1");
    }

    @Test
    void resultsForAnUnknownPatientAreAnAeNamingPid3() throws Exception {
        String control = AdtSamples.unique("C");
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(ResultFeed.oru("ORU-R01-results.hl7", control, AdtSamples.unique("M"), filler));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AE");
            assertThat(ack).contains("ERR|").contains("PID^1^3");
        }
        assertThat(jdbc.sql("select status || ' ' || error from hl7_message where control_id = ?").param(control)
                .query(String.class).single())
                .startsWith("FAILED PID-3: no patient with this MRN at the sending facility; the results were not kept");
    }

    @Test
    void aResultThatCannotBeMappedIsAnAeNamingTheFieldAndOtherEventsAreRefused() throws Exception {
        String control = AdtSamples.unique("C");
        String other = AdtSamples.unique("C");
        try (MllpClient client = new MllpClient(port)) {
            String ack = client.send(ResultFeed.oru("ORU-R01-results.hl7", control, mrn, filler).replace("||11.8|", "||n/a|"));
            assertThat(MllpClient.code(ack)).as(ack).isEqualTo("AE");
            String r03 = client.send(ResultFeed.oru("ORU-R01-results.hl7", other, mrn, filler).replace("ORU^R01^ORU_R01",
                    "ORU^R30^ORU_R30"));
            assertThat(MllpClient.code(r03)).as(r03).isEqualTo("AR");
        }
        assertThat(jdbc.sql("select error from hl7_message where control_id = ?").param(control).query(String.class).single())
                .isEqualTo("OBX-5: a numeric (NM) value that is not a number");
        assertThat(jdbc.sql("select status from hl7_message where control_id = ?").param(other).query(String.class).list())
                .isEqualTo(List.of("REJECTED"));
    }
}
