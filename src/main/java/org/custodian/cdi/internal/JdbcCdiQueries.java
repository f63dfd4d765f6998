package org.custodian.cdi.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.cdi.CdiQueries;
import org.custodian.cdi.Timing;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.Encounter;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewFinding;
import org.custodian.chart.ParticipantRole;
import org.custodian.chart.RecordFacts;
import org.custodian.coding.CaseMix;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@link CdiQueries} over {@code cdi_query} and {@code cdi_query_indicator}. */
@Service
class JdbcCdiQueries implements CdiQueries {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> VITALS = Set.of("8867-4", "8310-5", "9279-1", "8480-6", "8462-4", "59408-5", "2708-6",
            "39156-5", "29463-7", "8302-2");

    private final JdbcClient jdbc;
    private final RecordFacts facts;
    private final ChartService charts;
    private final ChartFindings findings;
    private final CaseMix caseMix;
    private final PatientRegistry patients;
    private final ProviderDirectory directory;
    private final WorkingDrgs drgs;
    private final AuditTrail audit;
    private final HospitalClock clock;

    JdbcCdiQueries(JdbcClient jdbc, RecordFacts facts, ChartService charts, ChartFindings findings, CaseMix caseMix,
                   PatientRegistry patients, ProviderDirectory directory, WorkingDrgs drgs, AuditTrail audit,
                   java.time.Clock clock) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.charts = charts;
        this.findings = findings;
        this.caseMix = caseMix;
        this.patients = patients;
        this.directory = directory;
        this.drgs = drgs;
        this.audit = audit;
        this.clock = HospitalClock.of(clock);
    }

    @Override
    public List<Template> templates() {
        return TemplateLibrary.ALL;
    }

    // --- create ---

    @Override
    @Transactional
    public Query create(NewQuery q) {
        return create(q, clock.instant());
    }

    /** Creates a query as sent at {@code at} (now, or a past moment of {@link CdiHistory}); the caller's transaction. */
    Query create(NewQuery q, Instant at) {
        if (q.encounterId() == null) {
            throw Problem.invalid("invalid-cdi-query", "encounterId: required");
        }
        Encounter e = charts.encounter(q.encounterId());
        Template template = null;
        if (q.template() != null && !q.template().isBlank()) {
            template = TemplateLibrary.find(q.template()).orElseThrow(() -> Problem.invalid("invalid-cdi-query",
                    "template: no such template; one of " + TemplateLibrary.ALL.stream().map(Template::id).toList()));
        }
        Format format = q.format() != null ? q.format() : template != null ? template.format() : Format.OPEN_ENDED;
        NewQuery draft = new NewQuery(q.encounterId(), template == null ? "open-ended" : template.id(), format,
                q.yesNoPurpose() != null ? q.yesNoPurpose() : template == null ? null : template.yesNoPurpose(), q.question(),
                q.options() == null ? List.of() : q.options(), q.indicators() == null ? List.of() : q.indicators(),
                q.practitionerId(), q.ruleIds() == null ? List.of() : q.ruleIds());
        List<Indicator> indicators = resolve(e, draft.indicators());
        List<QueryCompliance.Violation> violations = QueryCompliance.check(draft, indicators.size(), documented(e.id()), lint());
        if (!violations.isEmpty()) {
            throw Problem.unprocessable("cdi-query-not-compliant", "Query not compliant", "The query breaks "
                            + violations.stream().map(QueryCompliance.Violation::rule).collect(Collectors.joining(", "))
                            + " (" + QueryCompliance.CITATION + ").")
                    .with("violations", violations.stream().map(v -> Map.of("rule", v.rule(), "text", v.text())).toList())
                    .with("citation", QueryCompliance.CITATION);
        }
        long practitioner = addressee(e, draft.practitionerId());
        Timing timing = timing(e, at);
        WorkingDrg before = drgs.of(e);
        long id = jdbc.sql("""
                insert into cdi_query (encounter_id, patient_id, practitioner_id, service, template, format, yes_no_purpose, question, options,
                                       timing, rule_ids, status, created_by, created_at, drg_before, weight_before, payment_before,
                                       severity_before)
                values (:e, :p, :pr, :service, :t, :f, :y, :q, cast(:o as jsonb), :timing, :rules, 'OPEN', :by, :at, :drg, :w, :pay, :sev)
                returning id""")
                .param("e", e.id()).param("p", e.patientId()).param("pr", practitioner).param("service", e.service()).param("t", draft.template())
                .param("f", format.name()).param("y", draft.yesNoPurpose() == null ? null : draft.yesNoPurpose().name())
                .param("q", draft.question().trim()).param("o", JSON.writeValueAsString(draft.options()))
                .param("timing", timing.name()).param("rules", draft.ruleIds().toArray(String[]::new))
                .param("by", username()).param("at", Rows.utc(at))
                .param("drg", before.drg()).param("w", before.weight()).param("pay", before.payment())
                .param("sev", before.severity()).query(Long.class).single();
        grouped(id, "BEFORE", before);
        for (int i = 0; i < indicators.size(); i++) {
            Indicator x = indicators.get(i);
            jdbc.sql("""
                    insert into cdi_query_indicator (query_id, position, source_type, source_id, label, value, unit, observed_at, href)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, i, x.source(), x.sourceId(), x.label(), x.value(), x.unit(),
                            x.observedAt() == null ? null : Rows.utc(x.observedAt()), x.href()).update();
        }
        audit.patient(AuditAction.CREATE, e.patientId(), "CdiQuery", id);
        return load(id);
    }

    /** When a query or review at {@code at} happens: in house then, discharged and not final-coded, or after the bill. */
    Timing timing(Encounter e, Instant at) {
        return e.dischargeAt() == null || at.isBefore(e.dischargeAt()) ? Timing.CONCURRENT
                : caseMix.finalCoded(List.of(e.id())).contains(e.id()) ? Timing.POST_BILL : Timing.RETROSPECTIVE;
    }

    /** The indicators, each from this patient's record, with its source. */
    private List<Indicator> resolve(Encounter e, List<IndicatorRef> refs) {
        List<Indicator> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            IndicatorRef r = refs.get(i);
            String source = r.source() == null ? "" : r.source();
            Indicator x = switch (source) {
                case "Observation" -> facts.measurement(r.id()).filter(m -> m.patientId() == e.patientId())
                        .map(m -> new Indicator("Observation", m.resourceId(), m.name() == null ? "LOINC " + m.loinc() : m.name(),
                                RuleEngine.plain(m.value()), m.unit(), m.at(), "/patients/" + e.patientId() + "/record?tab="
                                + (VITALS.contains(m.loinc()) ? "vitals" : "results") + "&test=" + m.loinc()))
                        .orElse(null);
                case "Document" -> {
                    ClinicalDocument d = charts.document(r.id());
                    yield d.patientId() != e.patientId() ? null : new Indicator("Document", d.id(),
                            d.title() == null ? d.type().title() : d.title(), null, null, d.createdAt(), "/documents/" + d.id());
                }
                case "Finding" -> {
                    CodedFinding f = findings.finding(r.id());
                    yield f.patientId() != e.patientId() ? null : new Indicator("Finding", f.id(),
                            f.display() == null ? f.code() : f.display(), f.code(), null,
                            f.performedAt() != null ? f.performedAt() : f.recordedAt(), "/patients/" + e.patientId());
                }
                default -> throw Problem.invalid("invalid-cdi-query", "indicators[" + i + "].source: Observation, Document or Finding");
            };
            if (x == null) {
                throw Problem.invalid("invalid-cdi-query", "indicators[" + i + "]: no such " + source + " in this patient's record");
            }
            out.add(x);
        }
        return out;
    }

    private Set<String> documented(long encounterId) {
        return findings.conditions(encounterId).stream().filter(f -> CodedFinding.ICD_10_CM.equals(f.system()))
                .map(f -> RuleEngine.normalize(f.code())).collect(Collectors.toSet());
    }

    List<QueryCompliance.Lint> lint() {
        return JdbcCdiLint.inForce(jdbc).stream().filter(org.custodian.cdi.CdiLint.Phrase::active)
                .map(p -> new QueryCompliance.Lint(p.phrase(), p.category().name(), p.reason())).toList();
    }

    private long addressee(Encounter e, Long asked) {
        Long id = asked;
        if (id == null) {
            id = e.participants().stream().filter(p -> p.role() == ParticipantRole.ATTENDING)
                    .map(p -> p.practitionerId()).reduce((a, b) -> b).orElse(null);
        }
        if (id == null) {
            throw Problem.invalid("invalid-cdi-query", "practitionerId: the stay names no attending of the provider directory; "
                    + "say which physician to ask");
        }
        long pid = id;
        directory.find(pid).orElseThrow(() -> Problem.invalid("invalid-cdi-query", "practitionerId: no practitioner " + pid));
        return pid;
    }

    @Override
    public List<RecordFacts.Measurement> candidates(long encounterId) {
        Encounter e = charts.encounter(encounterId);
        Set<String> loinc = new java.util.LinkedHashSet<>(TemplateLibrary.indicatorLoinc());
        jdbc.sql("select distinct unnest(loinc) from cdi_rule").query(String.class).list().forEach(loinc::add);
        Instant from = e.admitAt().minus(CdiWorklistService.BEFORE_ADMISSION);
        List<RecordFacts.Measurement> out = facts.measurements(List.of(e.patientId()), loinc, from).stream()
                .filter(m -> e.dischargeAt() == null || !m.at().isAfter(e.dischargeAt())).toList();
        audit.patient(AuditAction.READ, e.patientId(), "Observation", "CDI indicators of encounter " + encounterId);
        return out;
    }

    // --- answer ---

    @Override
    @Transactional
    public Query answer(long id, Answer a) {
        return answer(id, a, clock.instant());
    }

    /** Answers a query at {@code now} (now, or a past moment of {@link CdiHistory}); the caller's transaction. */
    Query answer(long id, Answer a, Instant now) {
        Query q = load(id);
        Practitioner me = directory.byUsername(username()).orElse(null);
        if (me == null || (me.id() != q.practitionerId() && (q.escalatedTo() == null || me.id() != q.escalatedTo()))) {
            throw new Problem(403, "not-the-queried-physician", "Not the queried physician",
                    "Only the physician the query was sent to (or the physician advisor it was escalated to) answers it.");
        }
        if (!"OPEN".equals(q.status())) {
            throw Problem.conflict("query-already-answered", "Query already answered", "Query " + id + " is " + q.status().toLowerCase());
        }
        Option chosen = null;
        String text = a == null || a.text() == null ? null : a.text().trim();
        if (q.format() == Format.OPEN_ENDED) {
            if (text == null || text.isEmpty()) {
                throw Problem.invalid("invalid-cdi-answer", "text: an open-ended query is answered in words");
            }
        } else {
            if (a == null || a.option() == null || a.option() < 0 || a.option() >= q.options().size()) {
                throw Problem.invalid("invalid-cdi-answer", "option: the index of one of the " + q.options().size() + " options");
            }
            chosen = q.options().get(a.option());
            if (chosen.kind() == OptionKind.OTHER && (text == null || text.isEmpty())) {
                throw Problem.invalid("invalid-cdi-answer", "text: \"other\" is answered in words");
            }
        }
        Outcome outcome = chosen == null ? Outcome.AGREED : switch (chosen.kind()) {
            case DIAGNOSIS, YES -> Outcome.AGREED;
            case UNDETERMINED -> Outcome.UNDETERMINED;
            case NOT_SUPPORTED, NO, OTHER -> Outcome.DISAGREED;
        };
        Encounter e = charts.encounter(q.encounterId());
        ClinicalDocument addendum = charts.file(new NewDocument(q.patientId(), q.encounterId(), DocumentType.PROGRESS_NOTE,
                "Addendum: response to documentation query " + id, me.display(), addendumText(q, chosen, text, me),
                DocumentStatus.UNSIGNED, now, null, null, me.id(), null));
        charts.sign(addendum.id());
        if (chosen != null && chosen.kind() == OptionKind.DIAGNOSIS && chosen.code() != null
                && !documented(q.encounterId()).contains(RuleEngine.normalize(chosen.code()))) {
            findings.recordAll(List.of(new NewFinding(q.patientId(), q.encounterId(), FindingKind.CONDITION, CodedFinding.ICD_10_CM,
                    chosen.code(), chosen.text(), null, now)));
        }
        WorkingDrg after = drgs.of(e);
        jdbc.sql("""
                update cdi_query set status = 'ANSWERED', answered_by = :by, answered_at = :at, answer_option = :opt, answer_text = :text,
                  outcome = :outcome, addendum_id = :doc, drg_after = :drg, weight_after = :w, payment_after = :pay, severity_after = :sev
                where id = :id""")
                .param("by", username()).param("at", Rows.utc(now)).param("opt", a == null ? null : a.option(), java.sql.Types.INTEGER)
                .param("text", text).param("outcome", outcome.name()).param("doc", addendum.id()).param("drg", after.drg())
                .param("w", after.weight()).param("pay", after.payment()).param("sev", after.severity()).param("id", id).update();
        grouped(id, "AFTER", after);
        audit.patient(AuditAction.UPDATE, q.patientId(), "CdiQuery", id);
        return load(id);
    }

    private static String addendumText(Query q, Option chosen, String text, Practitioner me) {
        StringBuilder b = new StringBuilder();
        b.append("Addendum in response to documentation query ").append(q.id()).append(" of ").append(q.createdAt()).append(".\n\n");
        b.append("Question: ").append(q.question()).append("\n\nClinical indicators:\n");
        q.indicators().forEach(x -> b.append("- ").append(x.label()).append(x.value() == null ? "" : ": " + x.value())
                .append(x.unit() == null ? "" : " " + x.unit()).append(x.observedAt() == null ? "" : " (" + x.observedAt() + ")").append('\n'));
        b.append("\nAnswer: ");
        if (chosen != null) {
            b.append(chosen.text()).append(chosen.code() == null ? "" : " (" + chosen.code() + ")");
            if (text != null && !text.isEmpty()) {
                b.append(": ").append(text);
            }
        } else {
            b.append(text);
        }
        b.append("\n\n").append(me.display());
        return b.toString();
    }

    // --- reads ---

    @Override
    public Query query(long id) {
        Query q = load(id);
        if (!has("cdi:review")) {
            Practitioner me = directory.byUsername(username()).orElse(null);
            if (me == null || (me.id() != q.practitionerId() && (q.escalatedTo() == null || me.id() != q.escalatedTo()))) {
                throw Problem.notFound("cdi-query-not-found", "No such query", "No query " + id + " was sent to you");
            }
        }
        audit.patient(AuditAction.READ, q.patientId(), "CdiQuery", id);
        return q;
    }

    @Override
    public List<Query> forEncounter(long encounterId) {
        List<Long> ids = jdbc.sql("select id from cdi_query where encounter_id = ? order by id").param(encounterId).query(Long.class).list();
        List<Query> out = ids.stream().map(this::load).toList();
        if (!out.isEmpty()) {
            audit.patient(AuditAction.READ, out.get(0).patientId(), "CdiQuery", "encounter " + encounterId);
        }
        return out;
    }

    @Override
    public Impact impact(long id) {
        return jdbc.sql("""
                select q.id, q.drg_before, q.weight_before, q.payment_before, q.severity_before, q.drg_after, q.weight_after,
                       q.payment_after, q.severity_after, b.version, coalesce(b.provisional, false), a.version, coalesce(a.provisional, false)
                from cdi_query q
                left join cdi_query_drg b on b.query_id = q.id and b.moment = 'BEFORE'
                left join cdi_query_drg a on a.query_id = q.id and a.moment = 'AFTER'
                where q.id = ?""").param(id)
                .query((rs, i) -> new Impact(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getString(5),
                        rs.getString(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getString(9),
                        rs.getString(6) != null && rank(rs.getString(9)) > rank(rs.getString(5)), rs.getString(10), rs.getBoolean(11),
                        rs.getString(12), rs.getBoolean(13)))
                .optional().orElseThrow(() -> notFound(id));
    }

    /** The grouper version of the working DRG kept with the query, and whether it was provisional. */
    private void grouped(long queryId, String moment, WorkingDrg drg) {
        jdbc.sql("insert into cdi_query_drg (query_id, moment, version, provisional) values (?, ?, ?, ?)")
                .params(queryId, moment, drg.version(), drg.provisional()).update();
    }

    static int rank(String severity) {
        return "MCC".equals(severity) ? 2 : "CC".equals(severity) ? 1 : 0;
    }

    private static Problem notFound(long id) {
        return Problem.notFound("cdi-query-not-found", "No such query", "No query has the id " + id);
    }

    Query load(long id) {
        Query q = jdbc.sql("""
                select id, encounter_id, patient_id, practitioner_id, template, format, yes_no_purpose, question, options::text, timing,
                       status, created_by, created_at, answered_by, answered_at, answer_option, answer_text, outcome, addendum_id,
                       followed_up_at, escalated_at, escalated_to
                from cdi_query where id = ?""").param(id).query(this::row).optional().orElseThrow(() -> notFound(id));
        return q;
    }

    private Query row(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong(1);
        List<Indicator> indicators = jdbc.sql("""
                select source_type, source_id, label, value, unit, observed_at, href from cdi_query_indicator
                where query_id = ? order by position""").param(id)
                .query((r, i) -> new Indicator(r.getString(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                        Rows.instant(r, 6), r.getString(7))).list();
        List<Option> options = JSON.readValue(rs.getString(9), new TypeReference<List<Option>>() { });
        String purpose = rs.getString(7);
        String outcome = rs.getString(18);
        return new Query(id, rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), Format.valueOf(rs.getString(6)),
                purpose == null ? null : YesNoPurpose.valueOf(purpose), rs.getString(8), options, indicators, Timing.valueOf(rs.getString(10)),
                rs.getString(11), rs.getString(12), Rows.instant(rs, 13), rs.getString(14), Rows.instant(rs, 15),
                (Integer) rs.getObject(16), rs.getString(17), outcome == null ? null : Outcome.valueOf(outcome),
                Rows.longOrNull(rs, "addendum_id"), Rows.instant(rs, 20), Rows.instant(rs, 21), Rows.longOrNull(rs, "escalated_to"));
    }

    static String username() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    static boolean has(String authority) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(g -> authority.equals(g.getAuthority()));
    }
}
