package org.custodian.completion.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.ParticipantRole;

/**
 * Deficiency analysis of one encounter as a pure function of its facts and the rules in force:
 * which rule applies, whether it is met (on time or late) or open, who is responsible, and when
 * it is due. Times are instants; "24 hours" is 24 elapsed hours (across a daylight-saving change
 * too), "30 days before admission" is 30 calendar days in the hospital's zone.
 */
final class Analyzer {

    static final String HISTORY_AND_PHYSICAL = "HISTORY_AND_PHYSICAL";
    static final String HP_BEFORE_SURGERY = "HP_BEFORE_SURGERY";
    static final String OPERATIVE_REPORT = "OPERATIVE_REPORT";
    static final String DISCHARGE_SUMMARY = "DISCHARGE_SUMMARY";
    static final String AUTHENTICATION = "AUTHENTICATION";
    static final String VERBAL_ORDER = "VERBAL_ORDER";
    static final String INFORMED_CONSENT = "INFORMED_CONSENT";
    /** 42 CFR 482.22(c)(5)(i): an H&P no more than 30 days before admission (with an update within 24 hours after). */
    static final int PRE_ADMISSION_DAYS = 30;

    private Analyzer() {
    }

    record Doc(long id, DocumentType type, String title, DocumentStatus status, Instant createdAt, Instant signedAt,
               Long authorId) {
        boolean written() {
            return status != DocumentStatus.DRAFT;
        }

        boolean signed() {
            return status == DocumentStatus.SIGNED || status == DocumentStatus.AMENDED;
        }
    }

    record Participant(ParticipantRole role, long practitionerId, Instant at) {
    }

    record Facts(long encounterId, long patientId, EncounterClass encounterClass, Instant admitAt, Instant dischargeAt,
                 List<Participant> participants, List<Doc> documents) {
    }

    record Rule(String code, int version, int dueHours, boolean active) {
    }

    enum Outcome { MET, MET_LATE, OPEN }

    /** One rule applied: its outcome, the responsible practitioner, the document or the missing type, the due time. */
    record Finding(String rule, Outcome outcome, Long practitionerId, Long documentId, String missingType, Instant due) {
    }

    static List<Finding> analyze(Facts f, Map<String, Rule> rules, ZoneId zone) {
        List<Finding> out = new ArrayList<>();
        Long attending = first(f, ParticipantRole.ATTENDING);
        Long admitting = first(f, ParticipantRole.ADMITTING);
        boolean inpatient = f.encounterClass() == EncounterClass.INPATIENT;

        Rule hp = active(rules, HISTORY_AND_PHYSICAL);
        if (hp != null && inpatient) {
            out.add(historyAndPhysical(f, hp, admitting != null ? admitting : attending, zone));
        }
        Rule beforeSurgery = active(rules, HP_BEFORE_SURGERY);
        Rule op = active(rules, OPERATIVE_REPORT);
        Rule consent = active(rules, INFORMED_CONSENT);
        for (Participant surgeon : f.participants()) {
            if (surgeon.role() != ParticipantRole.OPERATING || surgeon.at() == null) {
                continue;
            }
            if (beforeSurgery != null) {
                Optional<Doc> any = earliest(f, d -> d.type() == DocumentType.HISTORY_AND_PHYSICAL && d.written()
                        && !d.createdAt().isBefore(preAdmissionStart(f.admitAt(), zone)));
                Instant due = surgeon.at().plusSeconds(3600L * beforeSurgery.dueHours());
                out.add(any.map(d -> new Finding(HP_BEFORE_SURGERY, d.createdAt().isAfter(due) ? Outcome.MET_LATE : Outcome.MET,
                                surgeon.practitionerId(), d.id(), null, due))
                        .orElse(new Finding(HP_BEFORE_SURGERY, Outcome.OPEN, surgeon.practitionerId(), null,
                                DocumentType.HISTORY_AND_PHYSICAL.name(), due)));
            }
            if (consent != null) {
                out.add(informedConsent(f, surgeon, consent));
            }
            if (op != null) {
                Instant due = surgeon.at().plusSeconds(3600L * op.dueHours());
                Optional<Doc> report = earliest(f, d -> d.type() == DocumentType.OPERATIVE_REPORT && d.written()
                        && !d.createdAt().isBefore(surgeon.at())
                        && (d.authorId() == null || d.authorId() == surgeon.practitionerId()));
                out.add(report.map(d -> new Finding(OPERATIVE_REPORT, d.createdAt().isAfter(due) ? Outcome.MET_LATE : Outcome.MET,
                                surgeon.practitionerId(), d.id(), null, due))
                        .orElse(new Finding(OPERATIVE_REPORT, Outcome.OPEN, surgeon.practitionerId(), null,
                                DocumentType.OPERATIVE_REPORT.name(), due)));
            }
        }
        Rule ds = active(rules, DISCHARGE_SUMMARY);
        if (ds != null && inpatient && f.dischargeAt() != null) {
            Instant due = f.dischargeAt().plusSeconds(3600L * ds.dueHours());
            Optional<Doc> summary = earliest(f, d -> d.type() == DocumentType.DISCHARGE_SUMMARY && d.written());
            out.add(summary.map(d -> new Finding(DISCHARGE_SUMMARY, d.createdAt().isAfter(due) ? Outcome.MET_LATE : Outcome.MET,
                            attending, d.id(), null, due))
                    .orElse(new Finding(DISCHARGE_SUMMARY, Outcome.OPEN, attending, null, DocumentType.DISCHARGE_SUMMARY.name(), due)));
        }
        Rule auth = active(rules, AUTHENTICATION);
        Rule verbal = active(rules, VERBAL_ORDER);
        for (Doc d : f.documents()) {
            // A verbal order is authenticated in the time state law sets (42 CFR 482.24(c)(3)), not the bylaw's.
            boolean isVerbal = d.type() == DocumentType.VERBAL_ORDER;
            Rule r = isVerbal ? verbal : auth;
            if (r != null) {
                out.add(authentication(d, r, isVerbal ? VERBAL_ORDER : AUTHENTICATION));
            }
        }
        return out;
    }

    /** An entry signed within the rule's hours of being written; open for its author until signed. */
    private static Finding authentication(Doc d, Rule rule, String code) {
        Instant due = d.createdAt().plusSeconds(3600L * rule.dueHours());
        Outcome o = !d.signed() ? Outcome.OPEN : d.signedAt() != null && d.signedAt().isAfter(due) ? Outcome.MET_LATE : Outcome.MET;
        return new Finding(code, o, d.authorId(), d.id(), null, due);
    }

    /**
     * 42 CFR 482.51(b)(2): a properly executed consent form on the chart before surgery (due the rule's
     * hours after the procedure starts, 0 by default: at the start). A consent filed later closes it late.
     */
    private static Finding informedConsent(Facts f, Participant surgeon, Rule rule) {
        Instant due = surgeon.at().plusSeconds(3600L * rule.dueHours());
        Optional<Doc> form = earliest(f, d -> d.type() == DocumentType.PROCEDURE_CONSENT && d.written());
        return form.map(d -> new Finding(INFORMED_CONSENT, d.createdAt().isAfter(due) ? Outcome.MET_LATE : Outcome.MET,
                        surgeon.practitionerId(), d.id(), null, due))
                .orElse(new Finding(INFORMED_CONSENT, Outcome.OPEN, surgeon.practitionerId(), null,
                        DocumentType.PROCEDURE_CONSENT.name(), due));
    }

    /** 42 CFR 482.22(c)(5)(i): within 24 hours after admission, or within 30 days before with an update within 24 hours after. */
    private static Finding historyAndPhysical(Facts f, Rule rule, Long responsible, ZoneId zone) {
        Instant admit = f.admitAt();
        Instant due = admit.plusSeconds(3600L * rule.dueHours());
        Instant windowStart = preAdmissionStart(admit, zone);
        Predicate<Doc> hp = d -> d.type() == DocumentType.HISTORY_AND_PHYSICAL && d.written();
        Optional<Doc> after = earliest(f, d -> hp.test(d) && !d.createdAt().isBefore(admit));
        if (after.isPresent() && !after.get().createdAt().isAfter(due)) {
            return new Finding(HISTORY_AND_PHYSICAL, Outcome.MET, responsible, after.get().id(), null, due);
        }
        Optional<Doc> before = earliest(f, d -> hp.test(d) && d.createdAt().isBefore(admit) && !d.createdAt().isBefore(windowStart));
        if (before.isPresent()) {
            // A pre-admission H&P needs its update note, documented within the same 24 hours.
            Optional<Doc> update = earliest(f, d -> d.written() && !d.createdAt().isBefore(admit) && isUpdate(d));
            if (update.isEmpty()) {
                return new Finding(HISTORY_AND_PHYSICAL, Outcome.OPEN, responsible, null,
                        DocumentType.HISTORY_AND_PHYSICAL_UPDATE.name(), due);
            }
            return new Finding(HISTORY_AND_PHYSICAL, update.get().createdAt().isAfter(due) ? Outcome.MET_LATE : Outcome.MET,
                    responsible, update.get().id(), null, due);
        }
        if (after.isPresent()) {
            return new Finding(HISTORY_AND_PHYSICAL, Outcome.MET_LATE, responsible, after.get().id(), null, due);
        }
        return new Finding(HISTORY_AND_PHYSICAL, Outcome.OPEN, responsible, null, DocumentType.HISTORY_AND_PHYSICAL.name(), due);
    }

    /** The first instant of the 30-day pre-admission window: 30 calendar days before, at the same local time. */
    static Instant preAdmissionStart(Instant admit, ZoneId zone) {
        return admit.atZone(zone).minusDays(PRE_ADMISSION_DAYS).toInstant();
    }

    /** The update is recognised by its document type, never by its title. */
    private static boolean isUpdate(Doc d) {
        return d.type() == DocumentType.HISTORY_AND_PHYSICAL_UPDATE;
    }

    private static Optional<Doc> earliest(Facts f, Predicate<Doc> p) {
        return f.documents().stream().filter(p).min(Comparator.comparing(Doc::createdAt).thenComparing(Doc::id));
    }

    private static Long first(Facts f, ParticipantRole role) {
        return f.participants().stream().filter(p -> p.role() == role).map(Participant::practitionerId).findFirst().orElse(null);
    }

    private static Rule active(Map<String, Rule> rules, String code) {
        Rule r = rules.get(code);
        return r != null && r.active() ? r : null;
    }
}
