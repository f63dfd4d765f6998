package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.custodian.chart.Chart;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.demo.DemoHospital;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientPage;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.custodian.patient.PatientSummary;
import org.custodian.privacy.Role;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads a small demo hospital through the patient and chart APIs into the shared test database
 * (which other tests also fill: everything is looked up by the ids and MRNs of this load, in a
 * facility of its own).
 */
@CustodianTest
class DemoLoaderIT {

    @Autowired DemoLoader loader;
    @Autowired DemoStaff staff;
    @Autowired PatientRegistry patients;
    @Autowired ChartService chart;
    @Autowired org.custodian.chart.SensitivityTags tags;
    @Autowired StaffDirectory directory;
    @Autowired org.custodian.staff.ProviderDirectory providers;
    @Autowired TransactionTemplate tx;
    @Autowired Clock clock;
    @Autowired Environment env;
    @Autowired DemoFigures figures;
    @Autowired DemoFeed feed;
    @Autowired org.custodian.interop.InterfaceFigures interfaces;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @TempDir Path dataDir;

    @Test
    void loadsThroughTheApisAndIsFoundBySearch() {
        String facility = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        DemoHospital hospital = DemoHospital.generate(42, 50, facility, clock);

        DemoLoader.Loaded loaded = loader.load(hospital);

        assertThat(loaded.patientIds()).hasSize(hospital.registrations().size()).doesNotHaveDuplicates();
        assertThat(loaded.encounterIds()).hasSize(hospital.encounterCount());
        assertThat(loaded.documentIds()).hasSize(hospital.documentCount());
        // Each stay's lab results and heart rate, kept as FHIR Observations for the chart's results tab, and the
        // labs and vital signs that put a few in-house inpatients on the CDI worklist.
        assertThat(jdbc.sql("select count(*) from clinical_resource where resource_type = 'Observation' and encounter_id = any(?)")
                .param(loaded.encounterIds().toArray(Long[]::new)).query(Long.class).single())
                .isEqualTo(4L * hospital.encounterCount() + DemoCdi.observations(hospital, loaded.patientIds(), loaded.encounterIds()).size()
                        + DemoSensitive.resources(hospital, loaded.patientIds(), loaded.encounterIds()).stream()
                        .filter(r -> r.type().equals("Observation")).count());
        // Psychiatry, obstetrics and alcohol withdrawal notes are tagged sensitive, for the ROI demo.
        assertThat(tags.ofDocuments(loaded.documentIds()).values().stream().flatMap(java.util.Set::stream).distinct())
                .contains(org.custodian.chart.Sensitivity.BEHAVIORAL_HEALTH, org.custodian.chart.Sensitivity.REPRODUCTIVE_HEALTH);
        sensitiveRecordsAreKeptAndTagged(hospital, loaded);

        for (int i = 0; i < hospital.registrations().size(); i += 7) {
            NewPatient p = hospital.registrations().get(i);
            long id = loaded.patientIds().get(i);
            // Part of the family name, folded: finds "Núñez" by "nun", as a clerk would type it.
            String part = fold(p.familyName()).substring(0, Math.min(4, p.familyName().length()));
            PatientPage page = patients.search(new PatientSearch(part, null, p.birthDate()), 0, 100);
            assertThat(page.items()).extracting(PatientSummary::id).as(p.familyName()).contains(id);
            assertThat(patients.search(new PatientSearch(null, p.mrn(), null), 0, 100).items())
                    .extracting(PatientSummary::id).contains(id);

            Chart c = chart.chart(id);
            int registration = i;
            List<DemoHospital.Visit> mine = hospital.visits().stream().filter(v -> v.registration() == registration).toList();
            assertThat(mine).isNotEmpty();
            assertThat(c.encounters()).hasSize(mine.size());
            assertThat(c.documents()).hasSize(mine.stream().mapToInt(v -> v.documents().size()).sum());
            assertThat(c.patient().familyName()).isEqualTo(p.familyName());
            assertThat(c.patient().ssnMasked()).isEqualTo(p.ssn() == null ? null : "***-**-" + p.ssn().substring(5));
        }

        long unsigned = hospital.visits().stream().flatMap(v -> v.documents().stream())
                .filter(d -> d.status() == DocumentStatus.UNSIGNED).count();
        assertThat(unsigned).isPositive();
        // A duplicate registration is a patient of its own, found under its own MRN.
        var duplicate = hospital.duplicates().get(0);
        assertThat(patients.search(new PatientSearch(null, duplicate.mrn(), null), 0, 10).items())
                .extracting(PatientSummary::id).contains(loaded.patientIds().get(duplicate.registration()));
    }

    @Test
    void aDatabaseWithPatientsIsNotLoadedAgain() {
        DemoHospital hospital = DemoHospital.generate(43, 5, "T" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT), clock);
        loader.load(hospital);
        long before = patients.count();
        assertThat(before).isPositive();

        DemoHospitalRunner runner = new DemoHospitalRunner(new DemoSettings("true", 44L, 50), "", dataDir.toString(), patients, loader, staff,
                tx, clock, env, figures);
        long start = System.nanoTime();
        runner.run(null);

        assertThat(patients.count()).isEqualTo(before);
        assertThat(dataDir.resolve(DemoCredentials.FILE_NAME)).doesNotExist();
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to decide").isLessThan(2_000);
    }

    @Test
    void theCredentialsFileListsTheAdministratorWhenItsPasswordWasGeneratedAtThisStart() throws Exception {
        DemoHospitalRunner runner = new DemoHospitalRunner(new DemoSettings("false", 47L, 5), "", dataDir.toString(), patients,
                loader, staff, tx, clock, env, figures);
        List<DemoStaff.Credential> users = List.of(new DemoStaff.Credential("coder", Role.CODER, "Demo Coder", "pw-coder"));
        assertThat(runner.withAdministrator(users)).as("no administrator created at this start").isEqualTo(users);

        runner.administratorCreated(new org.custodian.staff.AdministratorCreated("admin", "generated-admin-pw"));
        Path file = dataDir.resolve("admin-check-" + System.nanoTime() + ".txt");
        DemoCredentials.write(file, "http://localhost:8080", runner.withAdministrator(users));
        assertThat(Files.readString(file)).contains("admin", "generated-admin-pw", "coder", "pw-coder");

        runner.administratorCreated(new org.custodian.staff.AdministratorCreated("admin", null));
        assertThat(runner.withAdministrator(users)).as("a configured password is not written down").isEqualTo(users);
    }

    @Test
    void autoModeLoadsOnlyIntoTheEmbeddedDatabase() {
        long before = patients.count();
        new DemoHospitalRunner(new DemoSettings("auto", 46L, 5), "jdbc:postgresql://db.example:5432/him", dataDir.toString(), patients,
                loader, staff, tx, clock, env, figures).run(null);
        new DemoHospitalRunner(new DemoSettings("false", 46L, 5), "", dataDir.toString(), patients, loader, staff, tx, clock, env, figures).run(null);
        assertThat(patients.count()).isEqualTo(before);
    }

    @Test
    void oneDemoUserPerRoleButAdmin() throws Exception {
        DemoHospital hospital = DemoHospital.generate(45, 3, "T" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT), clock);
        List<DemoStaff.Credential> credentials = tx.execute(s -> staff.create(hospital));

        assertThat(credentials.subList(0, 12)).extracting(DemoStaff.Credential::username)
                .containsExactly("director", "coder", "roi", "cdi", "privacy", "mpi", "clinician", "analyst", "auditor", "instructor", "student",
                        "advisor");
        // Two more of the hospital's physicians sign in, to complete their own charts (record completion).
        assertThat(credentials.subList(12, credentials.size())).hasSize(DemoStaff.SIGNING_PHYSICIANS)
                .allSatisfy(c -> {
                    assertThat(c.username()).matches("dr-[a-z]+");
                    assertThat(c.role()).isEqualTo(Role.CLINICIAN);
                    assertThat(providers.byUsername(c.username())).hasValueSatisfying(p -> assertThat(p.npi()).isNotNull());
                });
        assertThat(providers.byUsername("clinician")).isPresent();
        for (DemoStaff.Credential c : credentials) {
            assertThat(c.role()).isNotEqualTo(Role.ADMIN);
            assertThat(directory.find(c.username())).hasValueSatisfying(m -> assertThat(m.roles()).containsExactly(c.role()));
            if (c.password() != null) {
                assertThat(c.password()).hasSize(20).matches("[A-Za-z2-9]+");
            }
        }
        // A second run leaves existing accounts alone.
        List<DemoStaff.Credential> again = tx.execute(s -> staff.create(hospital));
        assertThat(again).extracting(DemoStaff.Credential::password).containsOnlyNulls();

        Path file = dataDir.resolve("sub").resolve(DemoCredentials.FILE_NAME);
        DemoCredentials.write(file, "http://localhost:8080", List.of(
                new DemoStaff.Credential("coder", Role.CODER, "A Coder", "s3cretPassw0rdXYZabc")));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).contains("coder", "s3cretPassw0rdXYZabc", "http://localhost:8080");
    }

    /**
     * Issue 15: a Part 2 diagnosis and medication, an HIV result and status, tagged by the sensitivity rules; a
     * psychotherapy note tagged so, by the demo clinician, with its kept FHIR copy linked to it.
     */
    private void sensitiveRecordsAreKeptAndTagged(DemoHospital hospital, DemoLoader.Loaded loaded) {
        DemoSensitive.Visits visits = DemoSensitive.visits(hospital);
        assertThat(visits.part2()).isNotNegative();
        assertThat(visits.hiv()).isNotNegative();
        assertThat(visits.psychotherapy()).isNotNegative();
        assertThat(tagsByType(loaded.encounterIds().get(visits.part2())))
                .containsEntry("Condition", "SUBSTANCE_USE_DISORDER").containsEntry("MedicationRequest", "SUBSTANCE_USE_DISORDER");
        assertThat(tagsByType(loaded.encounterIds().get(visits.hiv())))
                .containsEntry("Observation", "HIV_AIDS").containsEntry("Condition", "HIV_AIDS");
        long encounter = loaded.encounterIds().get(visits.psychotherapy());
        long note = jdbc.sql("select id from clinical_document where encounter_id = ? and title = ?")
                .params(encounter, DemoSensitive.PSYCHOTHERAPY_TITLE).query(Long.class).single();
        assertThat(tags.ofDocument(note)).contains(org.custodian.chart.Sensitivity.PSYCHOTHERAPY_NOTES);
        assertThat(jdbc.sql("select author from clinical_document where id = ?").param(note).query(String.class).single())
                .isEqualTo(hospital.physicians().get(0));
        assertThat(jdbc.sql("select count(*) from clinical_resource where resource_type = 'DocumentReference' and document_id = ?")
                .param(note).query(Long.class).single()).as("the note's kept copy, linked").isEqualTo(1L);
    }

    /** The tags of the kept resources of an encounter with any, by type. */
    private java.util.Map<String, String> tagsByType(long encounterId) {
        java.util.Map<String, String> tags = new java.util.TreeMap<>();
        jdbc.sql("select resource_type, array_to_string(sensitivity, ',') from clinical_resource where encounter_id = ?"
                        + " and sensitivity <> '{}'").param(encounterId)
                .query((rs, i) -> tags.put(rs.getString(1), rs.getString(2))).list();
        return tags;
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** The dashboard has figures at first start: requests for records, requests to amend, the dual-coding audit. */
    @Test
    void theDepartmentsRecentWorkIsRecordedForTheDashboard() {
        DemoHospital hospital = DemoHospital.generate(48, 40, "F" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT), clock);
        DemoLoader.Loaded loaded = loader.load(hospital);
        Long[] ids = loaded.patientIds().toArray(Long[]::new);
        figures.record(hospital, loaded);
        long requests = jdbc.sql("select count(*) from disclosure_request where patient_id = any(?)").param(ids).query(Long.class).single();
        long released = jdbc.sql("select count(*) from disclosure_request where patient_id = any(?) and status = 'RELEASED'")
                .param(ids).query(Long.class).single();
        long overdue = jdbc.sql("select count(*) from disclosure_request where patient_id = any(?) and status = 'OPEN' and due_on < ?")
                .params(ids, ((org.custodian.HospitalClock) clock).today()).query(Long.class).single();
        assertThat(requests).isEqualTo(DemoFigures.RELEASED.length + DemoFigures.OPEN.length);
        assertThat(released).isEqualTo(DemoFigures.RELEASED.length);
        assertThat(overdue).as("received 36 and 44 days ago, open: past 30 days").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from amendment_request where patient_id = any(?)").param(ids).query(Long.class).single())
                .isEqualTo(DemoFigures.AMENDMENTS.length);
        // The duplicate worklist is the index's own scan's (DemoDuplicateWorklistBrowserIT), not the generator's truth.
        assertThat(jdbc.sql("select count(*) from mpi_pair where patient_b = any(?) or patient_a = any(?)").params(ids, ids)
                .query(Long.class).single()).isZero();
        // The dual-coding audit: re-coded stays in the sample with a final audit abstract by the director, not the coder.
        long audited = jdbc.sql("""
                select count(*) from coding_audit_sample s join coding_abstract x on x.encounter_id = s.encounter_id
                  and x.kind = 'AUDIT' and x.status = 'FINAL' and x.coder = ? where x.patient_id = any(?)""")
                .params(DemoStaff.username(Role.HIM_DIRECTOR), ids).query(Long.class).single();
        long billed = jdbc.sql("select count(*) from coding_abstract where kind = 'BILLING' and status = 'FINAL' and patient_id = any(?)")
                .param(ids).query(Long.class).single();
        assertThat(audited).as("about one in %d of %d coded stays", DemoCoding.AUDIT_EVERY, billed).isPositive()
                .isLessThanOrEqualTo(billed / DemoCoding.AUDIT_EVERY + 1);
        // The completion history converted from the chart's own times: the median-days tile has a figure.
        assertThat(jdbc.sql("select count(*) from deficiency where patient_id = any(?) and state = 'CLOSED' and closed_reason like 'converted%'")
                .param(ids).query(Long.class).single()).isEqualTo(DemoFigures.completedSignatures(hospital, loaded).size()).isPositive();
    }

    /** The interface page and the "interface errors" tile have the laboratory feed's last hours at first start. */
    @Test
    void theLaboratoryFeedAppliesPanelsAndLeavesTwoMessagesInError() {
        DemoHospital hospital = DemoHospital.generate(49, 120, "L" + Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT), clock);
        DemoLoader.Loaded loaded = loader.load(hospital);
        java.time.Instant before = clock.instant();
        List<org.custodian.interop.Hl7Inbound.Receipt> receipts = feed.send(hospital);
        int panels = DemoFeed.PANELS;
        assertThat(receipts).hasSize(panels + 2);
        assertThat(receipts.subList(0, panels)).allSatisfy(r -> assertThat(r.status()).as(r.error()).isEqualTo("PROCESSED"));
        assertThat(receipts.get(panels).status()).isEqualTo("FAILED");
        assertThat(receipts.get(panels).error()).contains("PID-3");
        assertThat(receipts.get(panels + 1).status()).isEqualTo("REJECTED");
        assertThat(receipts.get(panels + 1).ackCode()).isEqualTo("AR");
        // The dashboard's figure counts both (and other tests' errors: compare ids, not totals).
        assertThat(interfaces.inError(before.minusSeconds(1), clock.instant().plusSeconds(1)))
                .extracting(org.custodian.interop.InterfaceFigures.MessageInError::id)
                .contains(receipts.get(panels).messageId(), receipts.get(panels + 1).messageId());
        // The panels are in the charts (kept as the feed's): a sodium result for each patient who got one.
        Long[] ids = loaded.patientIds().toArray(Long[]::new);
        assertThat(jdbc.sql("""
                select count(distinct patient_id) from clinical_resource where resource_type = 'Observation'
                  and patient_id = any(?) and source_key like 'id:hl7-mllp|%' and resource::text like '%2951-2%'""")
                .param(ids).query(Long.class).single())
                .isEqualTo(panels);
    }
}
