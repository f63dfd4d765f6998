package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.custodian.chart.ChartService;
import org.custodian.chart.Encounter;
import org.custodian.chart.ParticipantRole;
import org.custodian.privacy.Role;
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.Npi;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * FHIR import fills the chart's practitioner references (issue 16): Encounter.participant typed
 * ATND, ADM and CON become the attending, admitting and consulting practitioners, and a
 * Practitioner's NPI (system http://hl7.org/fhir/sid/us-npi) enters the provider directory; an NPI
 * whose check digit fails (45 CFR 162.406) does not, and its practitioner is known by name.
 */
@CustodianTest
class FhirParticipantsIT {

    @Autowired FhirImports imports;
    @Autowired StaffAccounts accounts;
    @Autowired ProviderDirectory directory;
    @Autowired ChartService charts;
    @Autowired JdbcClient jdbc;

    private static String npi() {
        String nine = "1" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        return nine + Npi.checkDigit(nine);
    }

    private static String practitioner(String id, String family, String npi) {
        String identifier = npi == null ? "" : """
                "identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"%s"}],""".formatted(npi);
        return """
                {"fullUrl":"urn:uuid:%1$s","resource":{"resourceType":"Practitioner","id":"%1$s",%3$s
                  "name":[{"family":"%2$s","given":["Pat"],"prefix":["Dr."]}]}}""".formatted(id, family, identifier);
    }

    private static String participant(String type, String practitionerId) {
        return """
                {"type":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"%s"}]}],
                 "individual":{"reference":"urn:uuid:%s"}}""".formatted(type, practitionerId);
    }

    @Test
    void typedParticipantsBecomeReferencesAndValidNpisEnterTheDirectory() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "k");
        String patient = UUID.randomUUID().toString();
        String encounter = UUID.randomUUID().toString();
        String atnd = UUID.randomUUID().toString();
        String adm = UUID.randomUUID().toString();
        String con = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        String attendingNpi = npi();
        String admittingNpi = npi();
        String invalidNpi = admittingNpi.substring(0, 9) + ((admittingNpi.charAt(9) - '0' + 1) % 10);
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                %s,%s,%s,%s,
                {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Patient","name":[{"family":"Participants%s","given":["Ann"]}],
                  "gender":"female","birthDate":"1970-05-06"}},
                {"fullUrl":"urn:uuid:%s","resource":{"resourceType":"Encounter","status":"finished",
                  "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                  "subject":{"reference":"urn:uuid:%s"},"period":{"start":"2025-02-01T08:00:00Z","end":"2025-02-03T12:00:00Z"},
                  "participant":[%s,%s,%s,%s]}}]}""".formatted(
                practitioner(atnd, "Attender" + suffix, attendingNpi), practitioner(adm, "Admitter" + suffix, admittingNpi),
                practitioner(con, "Consultant" + suffix, null), practitioner(bad, "Badnpi" + suffix, invalidNpi),
                patient, suffix, encounter, patient,
                participant("ADM", adm), participant("CON", con), participant("ATND", atnd), participant("CON", bad));

        FhirImports.Outcome[] out = new FhirImports.Outcome[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> out[0] = imports.importUnit("participants.json", bundle.getBytes(StandardCharsets.UTF_8)));
        assertThat(out[0].rejection()).as(String.valueOf(out[0].rejection())).isNull();

        Practitioner attending = directory.byNpi(attendingNpi).orElseThrow();
        Practitioner admitting = directory.byNpi(admittingNpi).orElseThrow();
        assertThat(attending.name()).contains("Attender" + suffix);
        assertThat(attending.status()).isEqualTo(MedicalStaffStatus.ACTIVE);
        assertThat(directory.byNpi(invalidNpi)).isEmpty();

        long encounterId = jdbc.sql("select e.id from encounter e join patient p on p.id = e.patient_id where p.family_name = ?")
                .param("Participants" + suffix).query(Long.class).single();
        Encounter[] e = new Encounter[1];
        accounts.runAs(Role.CODER, () -> e[0] = charts.encounter(encounterId));
        assertThat(e[0].attendingProvider()).contains("Attender" + suffix);
        List<String> participants = e[0].participants().stream()
                .map(p -> p.role() + " " + directory.find(p.practitionerId()).orElseThrow().name()).toList();
        assertThat(participants).containsExactlyInAnyOrder(
                ParticipantRole.ATTENDING + " " + attending.name(),
                ParticipantRole.ADMITTING + " " + admitting.name(),
                ParticipantRole.CONSULTING + " Dr. Pat Consultant" + suffix,
                ParticipantRole.CONSULTING + " Dr. Pat Badnpi" + suffix);
        assertThat(e[0].participants()).allSatisfy(p -> assertThat(p.at()).isEqualTo(e[0].admitAt()));
        // The attending is the NPI's entry, not a second one by name.
        assertThat(e[0].participants()).anySatisfy(p -> {
            assertThat(p.role()).isEqualTo(ParticipantRole.ATTENDING);
            assertThat(p.practitionerId()).isEqualTo(attending.id());
        });
    }
}
