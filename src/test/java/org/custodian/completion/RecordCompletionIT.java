package org.custodian.completion;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.EncounterParticipant;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.ParticipantRole;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.Npi;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.custodian.staff.StaffDirectory;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Record completion end to end: deficiencies open and close by themselves with the chart
 * (42 CFR 482.24(c)), the analyst's API and the physician's inbox, manual deficiencies, and the
 * escalation ladder that suspends and the completion that lifts it.
 */
@CustodianTest
class RecordCompletionIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired ProviderDirectory directory;
    @Autowired StaffDirectory staff;
    @Autowired RecordCompletion completion;
    @Autowired CompletionHistory history;
    @Autowired CompletionFigures figures;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired List<org.custodian.AccessReasons> reasons;

    record Stay(long patientId, long encounterId, Instant admit, Instant discharge) {
    }

    private Stay stay(String attending, int dischargedDaysAgo) {
        Stay[] s = new Stay[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            long patient = patients.register(TestPatients.newPatient("Complete", TestPatients.uniqueName("Record"),
                    LocalDate.of(1958, 7, 1))).id();
            Instant discharge = Instant.now().minus(dischargedDaysAgo, ChronoUnit.DAYS);
            Instant admit = discharge.minus(3, ChronoUnit.DAYS);
            long e = charts.record(new NewEncounter(patient, null, EncounterClass.INPATIENT, admit, discharge, attending,
                    "Medicine", null)).id();
            s[0] = new Stay(patient, e, admit, discharge);
        });
        return s[0];
    }

    private List<Long> file(Stay s, String author, DocumentType type, DocumentStatus status, Instant at) {
        List<Long>[] ids = new List[1];
        accounts.runAs(Role.CLINICIAN, () -> ids[0] = charts.fileAll(List.of(new NewDocument(s.patientId(), s.encounterId(), type,
                null, author, "Text.", status, at, status == DocumentStatus.SIGNED ? author : null,
                status == DocumentStatus.SIGNED ? at : null))));
        return ids[0];
    }

    private JsonNode open(long patientId) {
        Api.Response r = api.as(accounts.of(Role.HIM_ANALYST), "GET", "/api/completion/deficiencies?state=open&patientId=" + patientId, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private Practitioner physicianWithAccount() {
        String username = "doc-" + UUID.randomUUID().toString().substring(0, 8);
        staff.create(new NewStaffMember(username, "Dr. Late " + username, StaffAccounts.PASSWORD, Set.of(Role.CLINICIAN)));
        String nine = "1" + String.format("%08d", Math.floorMod(username.hashCode(), 100_000_000));
        Practitioner[] p = new Practitioner[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> p[0] = directory.add(new NewPractitioner(nine + Npi.checkDigit(nine),
                "Dr. Late " + username, "MD", "Surgery", "Surgery", MedicalStaffStatus.ACTIVE, username)));
        return p[0];
    }

    @Test
    void theAnalysisWorklistCountsWhatAwaitsAnalysisBeyondWhatThePageShows() {
        long[] before = new long[1];
        accounts.runAs(Role.HIM_ANALYST, () -> before[0] = completion.awaitingAnalysis("Medicine"));
        stay(StaffAccounts.CLINICIAN_NAME, 3);
        accounts.runAs(Role.HIM_ANALYST, () -> {
            assertThat(completion.awaitingAnalysis("Medicine")).isEqualTo(before[0] + 1);
            assertThat(completion.awaitingAnalysis(null)).isGreaterThanOrEqualTo(before[0] + 1);
        });
        org.custodian.support.WebSession web = new org.custodian.support.WebSession(api.baseUrl());
        web.login(accounts.of(Role.HIM_ANALYST), StaffAccounts.PASSWORD);
        String page = web.get("/completion").body();
        assertThat(page).contains("data-testid=\"analysis-worklist-count\"");
        int rows = page.split("data-testid=\"analysis-worklist\"")[1].split("</table>")[0].split("<tr").length - 2;
        assertThat(rows).isLessThanOrEqualTo(100);
    }

    @Test
    void theOpenListNarrowsToAPatientAndSaysHowManyItLeavesOut() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 5);
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.PROGRESS_NOTE, DocumentStatus.UNSIGNED, s.admit().plusSeconds(86400));
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.PROGRESS_NOTE, DocumentStatus.UNSIGNED, s.admit().plusSeconds(90000));
        Stay other = stay(StaffAccounts.CLINICIAN_NAME, 5);
        accounts.runAs(Role.HIM_ANALYST, () -> {
            OpenDeficiencies mine = completion.open(Set.of(s.patientId()), null, 1);
            // Two unsigned notes, no H&P, no discharge summary: four open, one shown.
            assertThat(mine.total()).isEqualTo(4);
            assertThat(mine.items()).hasSize(1).allSatisfy(d -> assertThat(d.patientId()).isEqualTo(s.patientId()));
            assertThat(mine.truncated()).isTrue();
            assertThat(completion.open(Set.of(s.patientId()), null, 10).items()).extracting(Deficiency::due).isSorted();
            OpenDeficiencies everyone = completion.open(null, null, 10);
            assertThat(everyone.total()).isGreaterThanOrEqualTo(mine.total() + completion.open(Set.of(other.patientId()), null, 10).total());
            assertThat(completion.open(Set.of(s.patientId(), other.patientId()), accounts.clinicianPractitioner(), 10).items())
                    .allSatisfy(d -> assertThat(d.practitionerId()).isEqualTo(accounts.clinicianPractitioner()));
        });
    }

    @Test
    void anUnsignedNoteOpensADeficiencyForItsAuthorThatClosesWhenSheSignsIt() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 5);
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.HISTORY_AND_PHYSICAL, DocumentStatus.SIGNED, s.admit().plusSeconds(3600));
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.DISCHARGE_SUMMARY, DocumentStatus.SIGNED, s.discharge());
        long note = file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.PROGRESS_NOTE, DocumentStatus.UNSIGNED, s.admit().plusSeconds(86400)).get(0);

        JsonNode open = open(s.patientId());
        assertThat(open).hasSize(1);
        JsonNode d = open.get(0);
        assertThat(d.path("rule").asString()).isEqualTo("AUTHENTICATION");
        assertThat(d.path("documentId").asLong()).isEqualTo(note);
        assertThat(d.path("practitioner").asString()).isEqualTo(StaffAccounts.CLINICIAN_SIGNATURE);
        assertThat(d.path("mrn").asString()).isNotBlank();
        assertThat(d.path("encounterId").asLong()).isEqualTo(s.encounterId());
        assertThat(d.path("state").asString()).isEqualTo("OPEN");
        assertThat(d.path("due").asString()).isNotBlank();

        Api.Response inbox = api.as(accounts.of(Role.CLINICIAN), "GET", "/api/completion/inbox", null);
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.json().findValuesAsString("href")).contains("/documents/" + note);
        JsonNode item = java.util.stream.StreamSupport.stream(inbox.json().spliterator(), false)
                .filter(i -> i.path("documentId").asLong() == note).findFirst().orElseThrow();
        assertThat(item.path("action").asString()).isEqualTo("sign");
        assertThat(item.path("daysLeft").asLong()).isBetween(24L, 26L);

        // Privacy monitoring learns why the clinician may open this chart: attending, author, deficiency assigned.
        Instant from = s.admit().minusSeconds(60);
        List<String> kinds = reasons.stream().flatMap(r -> r.reasons(from, Instant.now().plusSeconds(60)).stream())
                .filter(r -> r.patientId() == s.patientId() && r.username().equals(accounts.of(Role.CLINICIAN)))
                .map(org.custodian.AccessReasons.AccessReason::kind).toList();
        assertThat(kinds).contains("attending practitioner", "document author", "deficiency assigned");

        assertThat(api.as(accounts.of(Role.CLINICIAN), "POST", "/api/documents/" + note + "/signature", null).status()).isEqualTo(200);
        assertThat(open(s.patientId())).isEmpty();
        Api.Response closed = api.as(accounts.of(Role.HIM_ANALYST), "GET",
                "/api/completion/deficiencies?state=closed&patientId=" + s.patientId(), null);
        assertThat(closed.json()).anySatisfy(c -> assertThat(c.path("documentId").asLong()).isEqualTo(note));
    }

    @Test
    void aMissingDischargeSummaryOpensAtDischargeAndClosesWhenItIsFiled() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 2);
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.HISTORY_AND_PHYSICAL, DocumentStatus.SIGNED, s.admit().plusSeconds(3600));
        JsonNode open = open(s.patientId());
        assertThat(open).hasSize(1);
        assertThat(open.get(0).path("rule").asString()).isEqualTo("DISCHARGE_SUMMARY");
        assertThat(open.get(0).path("missingDocumentType").asString()).isEqualTo("DISCHARGE_SUMMARY");
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.DISCHARGE_SUMMARY, DocumentStatus.SIGNED, Instant.now());
        assertThat(open(s.patientId())).isEmpty();
    }

    private java.util.Set<String> openRules(long patientId) {
        java.util.Set<String> rules = new java.util.HashSet<>();
        open(patientId).forEach(d -> rules.add(d.path("rule").asString() + ":" + d.path("missingDocumentType").asString("")));
        return rules;
    }

    /** 42 CFR 482.22(c)(5)(i): a pre-admission H&P opens the update deficiency; the update, known by its type, closes it. */
    @Test
    void aPreAdmissionHpWaitsForItsUpdateNoteByDocumentType() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 2);
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.DISCHARGE_SUMMARY, DocumentStatus.SIGNED, s.discharge());
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.HISTORY_AND_PHYSICAL, DocumentStatus.SIGNED, s.admit().minus(10, ChronoUnit.DAYS));
        assertThat(openRules(s.patientId())).containsExactly("HISTORY_AND_PHYSICAL:HISTORY_AND_PHYSICAL_UPDATE");
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.HISTORY_AND_PHYSICAL_UPDATE, DocumentStatus.SIGNED, s.admit().plusSeconds(3600));
        assertThat(open(s.patientId())).isEmpty();
    }

    /** 42 CFR 482.24(c)(3) and 482.51(b)(2): an unauthenticated verbal order and a missing surgical consent open by themselves. */
    @Test
    void anUnsignedVerbalOrderAndAMissingConsentOpenAndCloseByThemselves() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 2);
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.HISTORY_AND_PHYSICAL, DocumentStatus.SIGNED, s.admit().plusSeconds(1800));
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.DISCHARGE_SUMMARY, DocumentStatus.SIGNED, s.discharge());
        long order = file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.VERBAL_ORDER, DocumentStatus.UNSIGNED, s.admit().plusSeconds(3600)).get(0);
        Instant surgery = s.admit().plusSeconds(7200);
        accounts.runAs(Role.CLINICIAN, () -> charts.assign(s.encounterId(),
                new EncounterParticipant(ParticipantRole.OPERATING, accounts.clinicianPractitioner(), surgery)));
        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.OPERATIVE_REPORT, DocumentStatus.SIGNED, surgery.plusSeconds(3600));
        assertThat(openRules(s.patientId())).containsExactlyInAnyOrder("VERBAL_ORDER:", "INFORMED_CONSENT:PROCEDURE_CONSENT");
        JsonNode verbal = java.util.stream.StreamSupport.stream(open(s.patientId()).spliterator(), false)
                .filter(d -> d.path("rule").asString().equals("VERBAL_ORDER")).findFirst().orElseThrow();
        assertThat(verbal.path("documentId").asLong()).isEqualTo(order);
        assertThat(Instant.parse(verbal.path("due").asString())).isCloseTo(s.admit().plusSeconds(3600 + 48 * 3600),
                org.assertj.core.api.Assertions.within(1, ChronoUnit.MILLIS));

        file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.PROCEDURE_CONSENT, DocumentStatus.SIGNED, surgery.minusSeconds(600));
        assertThat(openRules(s.patientId())).containsExactly("VERBAL_ORDER:");
        assertThat(api.as(accounts.of(Role.CLINICIAN), "POST", "/api/documents/" + order + "/signature", null).status()).isEqualTo(200);
        assertThat(open(s.patientId())).isEmpty();
    }

    @Test
    void anEscalationSuspendsAPhysicianAndCompletingTheChartsLiftsIt() {
        Practitioner late = physicianWithAccount();
        Stay s = stay(late.name(), 50);
        assertThat(open(s.patientId())).extracting(d -> d.path("rule").asString())
                .containsExactlyInAnyOrder("HISTORY_AND_PHYSICAL", "DISCHARGE_SUMMARY");

        List<EscalationLetter>[] letters = new List[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> letters[0] = completion.escalate());
        assertThat(letters[0]).filteredOn(l -> l.practitionerId() == late.id()).extracting(EscalationLetter::step)
                .containsExactlyInAnyOrder(EscalationStep.REMINDER, EscalationStep.CHAIR_NOTICE, EscalationStep.SUSPENSION);
        long letterId = letters[0].stream().filter(l -> l.practitionerId() == late.id()).findFirst().orElseThrow().id();
        Api.Response pdf = api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/api/completion/letters/" + letterId + "/pdf", null);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.body()).startsWith("%PDF");
        Api.Response list = api.as(accounts.of(Role.HIM_ANALYST), "GET", "/api/completion/suspensions", null);
        assertThat(list.json()).anySatisfy(x -> {
            assertThat(x.path("practitionerId").asLong()).isEqualTo(late.id());
            assertThat(x.path("liftedAt").isNull() || x.path("liftedAt").isMissingNode()).isTrue();
        });
        // Climbing again the same day issues nothing new.
        accounts.runAs(Role.HIM_DIRECTOR, () -> assertThat(completion.escalate()).noneMatch(l -> l.practitionerId() == late.id()));

        accounts.runAs(Role.CLINICIAN, () -> charts.fileAll(List.of(
                new NewDocument(s.patientId(), s.encounterId(), DocumentType.HISTORY_AND_PHYSICAL, null, late.name(), "H&P.",
                        DocumentStatus.SIGNED, s.admit().plusSeconds(7200), late.name(), Instant.now()),
                new NewDocument(s.patientId(), s.encounterId(), DocumentType.DISCHARGE_SUMMARY, null, late.name(), "DS.",
                        DocumentStatus.SIGNED, Instant.now(), late.name(), Instant.now()))));
        assertThat(open(s.patientId())).isEmpty();
        accounts.runAs(Role.HIM_ANALYST, () -> assertThat(completion.suspensions())
                .filteredOn(x -> x.practitionerId() == late.id()).allSatisfy(x -> {
                    assertThat(x.active()).isFalse();
                    assertThat(x.liftReason()).isEqualTo("delinquent records complete");
                }));
    }

    @Test
    void anAnalystEntersAManualDeficiencyAndClosesItButNotAnAutomaticOne() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 3);
        Api.Response added = api.as(accounts.of(Role.HIM_ANALYST), "POST", "/api/completion/deficiencies", """
                {"encounterId":%d,"practitionerId":%d,"rule":"SCANNED_SIGNATURE","description":"Consent form page 2 unsigned"}"""
                .formatted(s.encounterId(), accounts.clinicianPractitioner()));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long id = added.json().path("id").asLong();
        assertThat(added.json().path("automatic").asBoolean()).isFalse();
        Api.Response inbox = api.as(accounts.of(Role.CLINICIAN), "GET", "/api/completion/inbox", null);
        assertThat(inbox.json()).anySatisfy(i -> {
            assertThat(i.path("id").asLong()).isEqualTo(id);
            assertThat(i.path("action").asString()).isEqualTo("complete");
        });
        Api.Response auto = api.as(accounts.of(Role.HIM_ANALYST), "POST", "/api/completion/deficiencies/"
                + open(s.patientId()).findValues("id").stream().map(JsonNode::asLong).filter(x -> x != id).findFirst().orElseThrow()
                + "/closure", "{}");
        assertThat(auto.status()).isEqualTo(409);
        Api.Response closed = api.as(accounts.of(Role.HIM_ANALYST), "POST", "/api/completion/deficiencies/" + id + "/closure",
                "{\"reason\":\"signed on paper, rescanned\"}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().path("state").asString()).isEqualTo("CLOSED");
        Api.Response wrong = api.as(accounts.of(Role.HIM_ANALYST), "POST", "/api/completion/deficiencies",
                "{\"encounterId\":%d,\"rule\":\"DISCHARGE_SUMMARY\"}".formatted(s.encounterId()));
        assertThat(wrong.status()).isEqualTo(400);
    }

    @Test
    void theDelinquencyRateNamesItsFormulaAndTheRetiredStandard() {
        Api.Response r = api.as(accounts.of(Role.HIM_ANALYST), "GET",
                "/api/completion/delinquency?from=2026-01-01&to=2026-01-31&formula=PERIOD_DISCHARGES", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("formula").asString()).isEqualTo("PERIOD_DISCHARGES");
        assertThat(r.json().path("formulaText").asString()).contains("÷");
        assertThat(r.json().path("note").asString()).contains("retired in 2016");
        assertThat(r.json().path("alertLevel").asDouble()).isEqualTo(50.0);
        assertThat(r.json().has("rate")).isTrue();
        assertThat(r.json().has("delinquent")).isTrue();
        assertThat(r.json().has("discharges")).isTrue();
    }

    @Test
    void theProviderDirectoryRefusesAnNpiWithAWrongCheckDigit() {
        Api.Response bad = api.as(accounts.of(Role.HIM_DIRECTOR), "POST", "/api/practitioners", """
                {"npi":"1234567890","name":"Dr. Typo","credentials":"MD"}""");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.body()).contains("npi");
    }

    @Test
    void theManualDeficiencyFormPicksTheVisitByPatientNameMrnOrVisitNumber() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 4);
        String[] known = new String[3];
        accounts.runAs(Role.HIM_ANALYST, () -> {
            var p = patients.find(s.patientId()).orElseThrow();
            known[0] = p.familyName();
            known[1] = p.mrn();
            known[2] = charts.encounter(s.encounterId()).encounterNumber();
        });
        org.custodian.support.WebSession web = new org.custodian.support.WebSession(api.baseUrl());
        web.login(accounts.of(Role.HIM_ANALYST), StaffAccounts.PASSWORD);
        String page = web.get("/completion").body();
        assertThat(page).contains("data-testid=\"encounter-picker\"").doesNotContain("name=\"visitNumber\"");
        for (String find : known) {
            String results = web.get("/completion/encounters/pick?find=" + java.net.URLEncoder.encode(find,
                    java.nio.charset.StandardCharsets.UTF_8)).body();
            assertThat(results).as(find).contains("data-pick=\"" + s.encounterId() + "\"").contains(known[0]).contains("MRN " + known[1])
                    .contains("visit " + known[2]);
        }
        assertThat(web.get("/completion/encounters/pick?find=").body()).contains("Type part of the patient");

        var posted = web.post("/completion/deficiencies", "encounterId", String.valueOf(s.encounterId()), "rule", "ILLEGIBLE",
                "practitionerId", String.valueOf(accounts.clinicianPractitioner()), "description", "Page 3 illegible");
        assertThat(posted.redirectPath()).isEqualTo("/completion?find=" + known[1]);
        assertThat(web.get(posted.redirectPath()).body()).contains("Page 3 illegible", "MRN", known[1]);
        assertThat(open(s.patientId())).anySatisfy(d -> {
            assertThat(d.path("rule").asString()).isEqualTo("ILLEGIBLE");
            assertThat(d.path("encounterId").asLong()).isEqualTo(s.encounterId());
        });
        // A coder (no completion:analyze) may not use the picker.
        org.custodian.support.WebSession coder = new org.custodian.support.WebSession(api.baseUrl());
        coder.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        assertThat(coder.get("/completion/encounters/pick?find=" + known[1]).status()).isEqualTo(403);
    }

    /** Go-live conversion: completed deficiencies of the previous system kept with their own times, all or nothing, audited. */
    @Test
    void completedDeficienciesFromThePreviousSystemAreImportedWholeOrNotAtAll() {
        Stay s = stay(StaffAccounts.CLINICIAN_NAME, 20);
        Instant written = s.admit().plus(1, ChronoUnit.DAYS);
        long note = file(s, StaffAccounts.CLINICIAN_NAME, DocumentType.PROGRESS_NOTE, DocumentStatus.SIGNED, written).get(0);
        Instant signed = written.plus(36, ChronoUnit.HOURS);
        var good = new CompletionHistory.CompletedBefore(s.encounterId(), null, "AUTHENTICATION", note, written, signed, "analysis");
        var future = new CompletionHistory.CompletedBefore(s.encounterId(), null, "AUTHENTICATION", note, written,
                Instant.now().plus(1, ChronoUnit.DAYS), "analysis");
        var otherDocument = new CompletionHistory.CompletedBefore(stay(StaffAccounts.CLINICIAN_NAME, 20).encounterId(), null,
                "AUTHENTICATION", note, written, signed, "analysis");
        String countSql = "select count(*) from deficiency where encounter_id = ? and closed_reason like 'converted%'";
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.importCompleted(List.of(good, future)))
                    .hasMessage("row 2: closedAt: must be given, not before openedAt and not in the future");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.importCompleted(List.of(good, otherDocument)))
                    .hasMessage("row 2: documentId: not a document of this encounter");
            assertThat(jdbc.sql(countSql).param(s.encounterId()).query(Long.class).single()).as("nothing of a refused import").isZero();
            assertThat(history.importCompleted(List.of(good))).isEqualTo(1);
        });
        assertThat(jdbc.sql(countSql).param(s.encounterId()).query(Long.class).single()).isEqualTo(1);
        // The completion-time figures count it, 1.5 days from opening to completion.
        assertThat(figures.completed(signed.minusSeconds(1), signed.plusSeconds(1)))
                .filteredOn(d -> d.encounterId() == s.encounterId()).singleElement()
                .satisfies(d -> assertThat(d.days()).isEqualTo(1.5));
        // Written to the patient's record: audited.
        assertThat(jdbc.sql("select count(*) from audit_event where patient_id = ? and resource_type = 'Deficiency' and action = 'CREATE'")
                .param(s.patientId()).query(Long.class).single()).isPositive();
        // Only completion's managers convert history.
        accounts.runAs(Role.HIM_ANALYST, () -> org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> history.importCompleted(List.of(good))).isInstanceOf(org.springframework.security.access.AccessDeniedException.class));
    }
}
