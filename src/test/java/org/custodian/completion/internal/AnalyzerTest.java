package org.custodian.completion.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.ParticipantRole;
import org.custodian.completion.internal.Analyzer.Doc;
import org.custodian.completion.internal.Analyzer.Facts;
import org.custodian.completion.internal.Analyzer.Finding;
import org.custodian.completion.internal.Analyzer.Outcome;
import org.custodian.completion.internal.Analyzer.Participant;
import org.custodian.completion.internal.Analyzer.Rule;
import org.junit.jupiter.api.Test;

/**
 * The deficiency rules at their boundaries, in the hospital's zone (America/New_York): the H&P's
 * 24 hours after admission and 30 days before (42 CFR 482.22(c)(5)(i)), across the daylight-saving
 * change; the operative report after surgery (482.51(b)(6)); the discharge summary; authentication (482.24(c)(1)).
 */
class AnalyzerTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final long ATTENDING = 11;
    static final long SURGEON = 22;
    static final Map<String, Rule> RULES = Map.of(
            Analyzer.HISTORY_AND_PHYSICAL, new Rule(Analyzer.HISTORY_AND_PHYSICAL, 1, 24, true),
            Analyzer.HP_BEFORE_SURGERY, new Rule(Analyzer.HP_BEFORE_SURGERY, 1, 0, true),
            Analyzer.OPERATIVE_REPORT, new Rule(Analyzer.OPERATIVE_REPORT, 1, 24, true),
            Analyzer.DISCHARGE_SUMMARY, new Rule(Analyzer.DISCHARGE_SUMMARY, 1, 168, true),
            Analyzer.AUTHENTICATION, new Rule(Analyzer.AUTHENTICATION, 1, 72, true),
            Analyzer.VERBAL_ORDER, new Rule(Analyzer.VERBAL_ORDER, 2, 48, true),
            Analyzer.INFORMED_CONSENT, new Rule(Analyzer.INFORMED_CONSENT, 2, 0, true));

    static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ZONE).toInstant();
    }

    private long docs = 100;

    Doc doc(DocumentType type, Instant at, String title) {
        return new Doc(docs++, type, title, DocumentStatus.SIGNED, at, at, ATTENDING);
    }

    static Facts inpatient(Instant admit, Instant discharge, List<Doc> documents, Participant... more) {
        List<Participant> participants = new ArrayList<>(List.of(new Participant(ParticipantRole.ATTENDING, ATTENDING, admit)));
        participants.addAll(List.of(more));
        return new Facts(1, 2, EncounterClass.INPATIENT, admit, discharge, participants, documents);
    }

    static Finding only(Facts f, String rule) {
        return Analyzer.analyze(f, RULES, ZONE).stream().filter(x -> x.rule().equals(rule)).findFirst().orElseThrow();
    }

    @Test
    void anHpWrittenExactly24HoursAfterAdmissionIsOnTimeAndOneSecondLaterIsLate() {
        Instant admit = local("2026-05-10T14:00");
        assertThat(only(inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, admit.plusSeconds(24 * 3600), null))),
                Analyzer.HISTORY_AND_PHYSICAL).outcome()).isEqualTo(Outcome.MET);
        assertThat(only(inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, admit.plusSeconds(24 * 3600 + 1), null))),
                Analyzer.HISTORY_AND_PHYSICAL).outcome()).isEqualTo(Outcome.MET_LATE);
    }

    @Test
    void aMissingHpIsOpenForTheAttendingDue24HoursAfterAdmission() {
        Instant admit = local("2026-05-10T14:00");
        Finding f = only(inpatient(admit, null, List.of()), Analyzer.HISTORY_AND_PHYSICAL);
        assertThat(f.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(f.practitionerId()).isEqualTo(ATTENDING);
        assertThat(f.missingType()).isEqualTo("HISTORY_AND_PHYSICAL");
        assertThat(f.due()).isEqualTo(local("2026-05-11T14:00"));
    }

    @Test
    void the24HoursAre24ElapsedHoursAcrossTheSpringDaylightSavingChange() {
        // Admitted Saturday noon EST; clocks go forward Sunday 2026-03-08 at 2 am: due at 1 pm EDT, not noon.
        Instant admit = local("2026-03-07T12:00");
        Finding f = only(inpatient(admit, null, List.of()), Analyzer.HISTORY_AND_PHYSICAL);
        assertThat(f.due()).isEqualTo(local("2026-03-08T13:00"));
        assertThat(only(inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-03-08T13:00"), null))),
                Analyzer.HISTORY_AND_PHYSICAL).outcome()).isEqualTo(Outcome.MET);
        assertThat(only(inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-03-08T13:01"), null))),
                Analyzer.HISTORY_AND_PHYSICAL).outcome()).isEqualTo(Outcome.MET_LATE);
    }

    @Test
    void aPreAdmissionHpCountsExactly30DaysBeforeButNotAMinuteEarlier() {
        Instant admit = local("2026-06-30T09:00");
        Doc update = doc(DocumentType.HISTORY_AND_PHYSICAL_UPDATE, admit.plusSeconds(3600), null);
        Facts inWindow = inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-05-31T09:00"), null), update));
        assertThat(only(inWindow, Analyzer.HISTORY_AND_PHYSICAL).outcome()).isEqualTo(Outcome.MET);
        Facts tooEarly = inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-05-31T08:59"), null), update));
        Finding f = only(tooEarly, Analyzer.HISTORY_AND_PHYSICAL);
        assertThat(f.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(f.missingType()).isEqualTo("HISTORY_AND_PHYSICAL");
    }

    @Test
    void theThirtyDaysAreCalendarDaysAcrossTheDaylightSavingChange() {
        // Admitted 2026-03-20 10:00 EDT: the window opens 2026-02-18 10:00 EST (30 days, 719 hours).
        Instant admit = local("2026-03-20T10:00");
        assertThat(Analyzer.preAdmissionStart(admit, ZONE)).isEqualTo(local("2026-02-18T10:00"));
    }

    @Test
    void aPreAdmissionHpWithoutItsUpdateNoteIsOpenForTheUpdate() {
        Instant admit = local("2026-06-30T09:00");
        Facts f = inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-06-20T09:00"), null)));
        Finding finding = only(f, Analyzer.HISTORY_AND_PHYSICAL);
        assertThat(finding.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(finding.missingType()).isEqualTo("HISTORY_AND_PHYSICAL_UPDATE");
    }

    /** 42 CFR 482.22(c)(5)(i): the update to a pre-admission H&P within 24 hours after admission, known by its type. */
    @Test
    void theUpdateNoteIsOnTimeAtExactly24HoursAfterAdmissionAndLateOneSecondAfter() {
        Instant admit = local("2026-06-30T09:00");
        Doc hp = doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-06-20T09:00"), null);
        for (long seconds : new long[] {0, 24 * 3600 - 1, 24 * 3600}) {
            Finding f = only(inpatient(admit, null, List.of(hp, doc(DocumentType.HISTORY_AND_PHYSICAL_UPDATE,
                    admit.plusSeconds(seconds), null))), Analyzer.HISTORY_AND_PHYSICAL);
            assertThat(f.outcome()).as("update %d s after admission", seconds).isEqualTo(Outcome.MET);
        }
        Finding late = only(inpatient(admit, null, List.of(hp, doc(DocumentType.HISTORY_AND_PHYSICAL_UPDATE,
                admit.plusSeconds(24 * 3600 + 1), null))), Analyzer.HISTORY_AND_PHYSICAL);
        assertThat(late.outcome()).isEqualTo(Outcome.MET_LATE);
        // An update written before admission is not the update the rule asks for.
        Finding early = only(inpatient(admit, null, List.of(hp, doc(DocumentType.HISTORY_AND_PHYSICAL_UPDATE,
                admit.minusSeconds(1), null))), Analyzer.HISTORY_AND_PHYSICAL);
        assertThat(early.outcome()).isEqualTo(Outcome.OPEN);
    }

    @Test
    void aProgressNoteTitledAsAnUpdateIsNotTheUpdateNote() {
        Instant admit = local("2026-06-30T09:00");
        Finding f = only(inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-06-20T09:00"), null),
                doc(DocumentType.PROGRESS_NOTE, admit.plusSeconds(3600), "H&P update"))), Analyzer.HISTORY_AND_PHYSICAL);
        assertThat(f.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(f.missingType()).isEqualTo("HISTORY_AND_PHYSICAL_UPDATE");
    }

    Doc order(Instant given, Instant signedAt) {
        return new Doc(docs++, DocumentType.VERBAL_ORDER, null, signedAt == null ? DocumentStatus.UNSIGNED : DocumentStatus.SIGNED,
                given, signedAt, SURGEON);
    }

    /** 42 CFR 482.24(c)(3): a verbal order authenticated within the hours state law sets (48 by default). */
    @Test
    void aVerbalOrderIsOpenForTheOrdererUntilAuthenticatedAndLateAfter48Hours() {
        Instant given = local("2026-03-07T22:00"); // the 48 hours span the spring daylight-saving change
        Instant due = given.plusSeconds(48 * 3600);
        assertThat(due).isEqualTo(local("2026-03-09T23:00"));
        List<Finding> open = Analyzer.analyze(inpatient(given, null, List.of(order(given, null))), RULES, ZONE);
        Finding f = open.stream().filter(x -> x.rule().equals(Analyzer.VERBAL_ORDER)).findFirst().orElseThrow();
        assertThat(f.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(f.practitionerId()).isEqualTo(SURGEON);
        assertThat(f.due()).isEqualTo(due);
        assertThat(open).as("the verbal-order rule replaces the general authentication rule")
                .noneMatch(x -> x.rule().equals(Analyzer.AUTHENTICATION));
        assertThat(only(inpatient(given, null, List.of(order(given, due.minusSeconds(1)))), Analyzer.VERBAL_ORDER).outcome())
                .isEqualTo(Outcome.MET);
        assertThat(only(inpatient(given, null, List.of(order(given, due))), Analyzer.VERBAL_ORDER).outcome())
                .isEqualTo(Outcome.MET);
        assertThat(only(inpatient(given, null, List.of(order(given, due.plusSeconds(1)))), Analyzer.VERBAL_ORDER).outcome())
                .isEqualTo(Outcome.MET_LATE);
    }

    @Test
    void theStateLawHoursComeFromTheRule() {
        Instant given = local("2026-06-01T08:00");
        Map<String, Rule> rules = new java.util.HashMap<>(RULES);
        rules.put(Analyzer.VERBAL_ORDER, new Rule(Analyzer.VERBAL_ORDER, 3, 24, true));
        Finding f = Analyzer.analyze(inpatient(given, null, List.of(order(given, given.plusSeconds(25 * 3600)))), rules, ZONE)
                .stream().filter(x -> x.rule().equals(Analyzer.VERBAL_ORDER)).findFirst().orElseThrow();
        assertThat(f.outcome()).isEqualTo(Outcome.MET_LATE);
    }

    /** 42 CFR 482.51(b)(2): a properly executed informed consent on the chart before an operating-room procedure. */
    @Test
    void aConsentFiledBeforeOrAtTheStartOfSurgeryIsOnTimeAndAfterItLate() {
        Instant admit = local("2026-06-30T07:00");
        Instant incision = local("2026-06-30T10:00");
        Participant surgery = new Participant(ParticipantRole.OPERATING, SURGEON, incision);
        Finding missing = only(inpatient(admit, null, List.of(), surgery), Analyzer.INFORMED_CONSENT);
        assertThat(missing.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(missing.practitionerId()).isEqualTo(SURGEON);
        assertThat(missing.missingType()).isEqualTo("PROCEDURE_CONSENT");
        assertThat(missing.due()).isEqualTo(incision);
        assertThat(only(inpatient(admit, null, List.of(doc(DocumentType.PROCEDURE_CONSENT, incision.minusSeconds(1), null)), surgery),
                Analyzer.INFORMED_CONSENT).outcome()).isEqualTo(Outcome.MET);
        assertThat(only(inpatient(admit, null, List.of(doc(DocumentType.PROCEDURE_CONSENT, incision, null)), surgery),
                Analyzer.INFORMED_CONSENT).outcome()).isEqualTo(Outcome.MET);
        assertThat(only(inpatient(admit, null, List.of(doc(DocumentType.PROCEDURE_CONSENT, incision.plusSeconds(1), null)), surgery),
                Analyzer.INFORMED_CONSENT).outcome()).isEqualTo(Outcome.MET_LATE);
    }

    @Test
    void noSurgeryNeedsNoConsentAndADraftConsentIsNotOne() {
        Instant admit = local("2026-06-30T07:00");
        assertThat(Analyzer.analyze(inpatient(admit, null, List.of()), RULES, ZONE))
                .noneMatch(x -> x.rule().equals(Analyzer.INFORMED_CONSENT));
        Doc draft = new Doc(docs++, DocumentType.PROCEDURE_CONSENT, null, DocumentStatus.DRAFT, admit, null, SURGEON);
        assertThat(only(inpatient(admit, null, List.of(draft), new Participant(ParticipantRole.OPERATING, SURGEON,
                admit.plusSeconds(3600))), Analyzer.INFORMED_CONSENT).outcome()).isEqualTo(Outcome.OPEN);
    }

    @Test
    void surgeryNeedsAnHpBeforeItAndAnOperativeReportByTheSurgeonAfterIt() {
        Instant admit = local("2026-04-01T07:00");
        Instant surgery = local("2026-04-01T10:00");
        Participant surgeon = new Participant(ParticipantRole.OPERATING, SURGEON, surgery);
        Facts none = inpatient(admit, null, List.of(), surgeon);
        assertThat(only(none, Analyzer.OPERATIVE_REPORT)).satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(Outcome.OPEN);
            assertThat(f.practitionerId()).isEqualTo(SURGEON);
            assertThat(f.due()).isEqualTo(local("2026-04-02T10:00"));
        });
        assertThat(only(none, Analyzer.HP_BEFORE_SURGERY).outcome()).isEqualTo(Outcome.OPEN);
        Doc report = new Doc(docs++, DocumentType.OPERATIVE_REPORT, null, DocumentStatus.UNSIGNED, local("2026-04-02T11:00"), null, SURGEON);
        Facts lateReport = inpatient(admit, null, List.of(doc(DocumentType.HISTORY_AND_PHYSICAL, local("2026-04-01T08:00"), null), report), surgeon);
        assertThat(only(lateReport, Analyzer.OPERATIVE_REPORT).outcome()).isEqualTo(Outcome.MET_LATE);
        assertThat(only(lateReport, Analyzer.HP_BEFORE_SURGERY).outcome()).isEqualTo(Outcome.MET);
    }

    @Test
    void anUnsignedEntryIsOpenForItsAuthorUntilSigned() {
        Instant admit = local("2026-04-01T07:00");
        Doc unsigned = new Doc(docs++, DocumentType.PROGRESS_NOTE, null, DocumentStatus.UNSIGNED, admit.plusSeconds(7200), null, 33L);
        Finding f = Analyzer.analyze(inpatient(admit, null, List.of(unsigned)), RULES, ZONE).stream()
                .filter(x -> x.rule().equals(Analyzer.AUTHENTICATION)).findFirst().orElseThrow();
        assertThat(f.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(f.practitionerId()).isEqualTo(33L);
        assertThat(f.documentId()).isEqualTo(unsigned.id());
        assertThat(f.due()).isEqualTo(unsigned.createdAt().plusSeconds(72 * 3600));
    }

    @Test
    void aDischargeSummaryIsRequiredOnlyOnceAnInpatientIsDischarged() {
        Instant admit = local("2026-04-01T07:00");
        assertThat(Analyzer.analyze(inpatient(admit, null, List.of()), RULES, ZONE))
                .noneMatch(f -> f.rule().equals(Analyzer.DISCHARGE_SUMMARY));
        Instant discharge = local("2026-04-05T15:00");
        assertThat(only(inpatient(admit, discharge, List.of()), Analyzer.DISCHARGE_SUMMARY).due()).isEqualTo(local("2026-04-12T15:00"));
        Facts outpatient = new Facts(1, 2, EncounterClass.OUTPATIENT, admit, discharge, List.of(), List.of());
        assertThat(Analyzer.analyze(outpatient, RULES, ZONE)).isEmpty();
    }

    @Test
    void anInactiveRuleFindsNothing() {
        Map<String, Rule> rules = new java.util.HashMap<>(RULES);
        rules.put(Analyzer.HISTORY_AND_PHYSICAL, new Rule(Analyzer.HISTORY_AND_PHYSICAL, 2, 24, false));
        assertThat(Analyzer.analyze(inpatient(local("2026-04-01T07:00"), null, List.of()), rules, ZONE))
                .noneMatch(f -> f.rule().equals(Analyzer.HISTORY_AND_PHYSICAL));
    }
}
