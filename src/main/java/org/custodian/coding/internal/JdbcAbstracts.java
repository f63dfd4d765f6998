package org.custodian.coding.internal;

import java.sql.Date;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.custodian.Actor;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.Encounter;
import org.custodian.chart.EncounterClass;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.CodingEdit;
import org.custodian.coding.FiscalYear;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Coded abstracts: open (an audited read of the encounter, the registration and the codes), save
 * (codes kept as entered, edits run), finalize (refused while an error edit stands), and reopen a
 * final abstract for a correction or a rebill (with the reason in the audit log; the abstract goes
 * back on the worklist, in progress, and is finalized again through the same edits).
 */
@Service
class JdbcAbstracts {

    static final String BILLING = "BILLING";
    static final String AUDIT = "AUDIT";


    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final ChartService charts;
    private final PatientRegistry patients;
    private final CodeSets codeSets;
    private final AbstractEdits editor;
    private final AuditTrail audit;
    private final Clock clock;

    private final ChartFindings findings;
    private final AbstractGrouping grouping;

    JdbcAbstracts(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, ChartService charts,
            PatientRegistry patients, CodeSets codeSets, AbstractEdits editor, AuditTrail audit, Clock clock,
            ChartFindings findings, AbstractGrouping grouping) {
        this.findings = findings;
        this.grouping = grouping;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.charts = charts;
        this.patients = patients;
        this.codeSets = codeSets;
        this.editor = editor;
        this.audit = audit;
        this.clock = clock;
    }

    private record Header(long id, String status, String coder, Instant savedAt, Instant finalizedAt,
                          String disposition, String admitSource) {
    }

    /** The encounter's abstract of that kind as saved (or empty, ready to code), with its edits. */
    CodedAbstract open(long encounterId, String kind) {
        Context c = context(encounterId);
        Optional<Header> header = header(encounterId, kind);
        AbstractInput input = header.map(h -> input(h)).orElse(new AbstractInput(null, List.of(), null, List.of(),
                c.encounter.dischargeDisposition() == null ? null : c.encounter.dischargeDisposition().code(), null));
        audit.patient(AuditAction.READ, c.patient.id(), "CodedAbstract", encounterId);
        return view(c, kind, header.orElse(null), input);
    }

    CodedAbstract save(long encounterId, String kind, AbstractInput input) {
        Context c = context(encounterId);
        String user = Actor.current();
        Instant now = clock.instant();
        boolean created = Boolean.TRUE.equals(tx.execute(status -> {
            Optional<Header> existing = lockedHeader(encounterId, kind);
            if (existing.isPresent() && existing.get().status.equals("FINAL")) {
                throw CodingProblems.conflict("Abstract is final", "The " + kind.toLowerCase() + " abstract of encounter "
                        + encounterId + " is final and cannot be changed.");
            }
            long id;
            if (existing.isPresent()) {
                id = existing.get().id;
                jdbc.sql("update coding_abstract set discharge_disposition = ?, admit_source = ?, coder = ?, saved_at = ? where id = ?")
                        .params(blankToNull(input.dischargeDisposition()), blankToNull(input.admitSource()), user, Rows.utc(now), id).update();
                jdbc.sql("delete from coding_abstract_code where abstract_id = ?").param(id).update();
            } else {
                id = jdbc.sql("""
                        insert into coding_abstract (encounter_id, patient_id, kind, status, discharge_disposition, admit_source,
                                                     coder, started_at, saved_at)
                        values (?, ?, ?, 'IN_PROGRESS', ?, ?, ?, ?, ?) returning id""")
                        .params(encounterId, c.patient.id(), kind, blankToNull(input.dischargeDisposition()),
                                blankToNull(input.admitSource()), user, Rows.utc(now), Rows.utc(now))
                        .query(Long.class).single();
            }
            insertCodes(id, input);
            return existing.isEmpty();
        }));
        audit.patient(created ? AuditAction.CREATE : AuditAction.UPDATE, c.patient.id(), "CodedAbstract", encounterId);
        return stored(c, kind, view(c, kind, header(encounterId, kind).orElseThrow(), input));
    }

    /** Marks the abstract final when no error edit stands; otherwise a 422 listing them. */
    CodedAbstract finalizeAbstract(long encounterId, String kind) {
        Context c = context(encounterId);
        Header h = header(encounterId, kind).orElseThrow(() -> CodingProblems.conflict("Nothing to finalize",
                "Encounter " + encounterId + " has no saved " + kind.toLowerCase() + " abstract."));
        if (h.status.equals("FINAL")) {
            throw CodingProblems.conflict("Abstract is final", "The abstract of encounter " + encounterId + " is already final.");
        }
        AbstractInput input = input(h);
        List<CodingEdit> edits = editor.run(input, stay(c));
        if (edits.stream().anyMatch(e -> e.severity() == CodingEdit.Severity.ERROR)) {
            throw CodingProblems.blocked(encounterId, edits);
        }
        int updated = jdbc.sql("update coding_abstract set status = 'FINAL', finalized_at = ? where id = ? and status = 'IN_PROGRESS'")
                .params(Rows.utc(clock.instant()), h.id).update();
        if (updated != 1) {
            throw CodingProblems.conflict("Abstract is final", "The abstract of encounter " + encounterId + " is already final.");
        }
        audit.patient(AuditAction.UPDATE, c.patient.id(), "CodedAbstract", encounterId);
        return stored(c, kind, view(c, kind, header(encounterId, kind).orElseThrow(), input));
    }

    /**
     * Reopens a final abstract for correction or rebilling: back to in progress (and so on the
     * worklist), its codes kept. The reason is required and goes to the tamper-evident audit log.
     */
    CodedAbstract reopen(long encounterId, String kind, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("reason: say why the abstract is reopened (e.g. a late lab result, a payer denial)");
        }
        if (why.length() > 500) {
            throw new IllegalArgumentException("reason: at most 500 characters");
        }
        Context c = context(encounterId);
        Header h = header(encounterId, kind).orElseThrow(() -> CodingProblems.conflict("Nothing to reopen",
                "Encounter " + encounterId + " has no " + kind.toLowerCase() + " abstract."));
        int updated = jdbc.sql("update coding_abstract set status = 'IN_PROGRESS', finalized_at = null where id = ? and status = 'FINAL'")
                .param(h.id).update();
        if (updated != 1) {
            throw CodingProblems.conflict("Abstract is not final", "The abstract of encounter " + encounterId
                    + " is not final; it can be changed as it is.");
        }
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, c.patient.id(), "CodedAbstract", encounterId,
                "reopened after final coding; reason: " + why);
        Header reopened = header(encounterId, kind).orElseThrow();
        return stored(c, kind, view(c, kind, reopened, input(reopened)));
    }

    // --- the DRG kept for the worklist, DNFB and the case mix index ---

    /** The billing abstract's DRG kept in {@code coding_drg} (an inpatient stay only), the view returned as is. */
    private CodedAbstract stored(Context c, String kind, CodedAbstract view) {
        if (BILLING.equals(kind) && c.encounter.encounterClass() == EncounterClass.INPATIENT) {
            store(c, "ABSTRACT", "FINAL".equals(view.status()), stay(c).dischargeDate(), view.drg());
        }
        return view;
    }

    /**
     * Groups a discharged inpatient stay again and keeps its DRG: from its billing abstract when there
     * is one, else a working DRG from the conditions and procedures the chart documented (ICD-10-CM and
     * ICD-10-PCS findings; the first condition as principal, every other present on admission). Not
     * audited as a read by a person: the chart audits its own reads; nothing is shown to anyone here.
     *
     * @return the DRG kept, or empty when the encounter is not a discharged inpatient stay
     */
    Optional<AbstractDrg> regroup(long encounterId) {
        Encounter e = charts.encounter(encounterId);
        if (!e.discharged() || e.encounterClass() != EncounterClass.INPATIENT) {
            return Optional.empty();
        }
        Patient p = patients.find(e.patientId()).orElseThrow(() -> new PatientNotFoundException(e.patientId()));
        Context c = new Context(e, p);
        AbstractEdits.Stay stay = stay(c);
        Optional<Header> h = header(encounterId, BILLING);
        AbstractDrg drg;
        if (h.isPresent()) {
            drg = grouping.group(stay, input(h.get()), "FINAL".equals(h.get().status));
        } else {
            drg = grouping.group(stay, fromFindings(e), false);
        }
        store(c, h.isPresent() ? "ABSTRACT" : "FINDINGS", h.isPresent() && "FINAL".equals(h.get().status),
                stay.dischargeDate(), drg);
        return Optional.of(drg);
    }

    /**
     * The working DRG of an inpatient stay, discharged or not, from its billing abstract when one is
     * saved, else from the conditions documented so far: for CDI and the case-mix API. A stay still in
     * the house is grouped as if discharged today (to home, "01"), the version of today's date.
     */
    AbstractDrg working(long encounterId) {
        Encounter e = charts.encounter(encounterId);
        if (e.encounterClass() != EncounterClass.INPATIENT) {
            return AbstractDrg.none(AbstractGrouping.NOT_INPATIENT);
        }
        Patient p = patients.find(e.patientId()).orElseThrow(() -> new PatientNotFoundException(e.patientId()));
        LocalDate admit = e.admitAt().atZone(zone()).toLocalDate();
        LocalDate discharge = e.discharged() ? e.dischargeAt().atZone(zone()).toLocalDate() : LocalDate.now(clock);
        int age = p.birthDate() == null ? -1 : Period.between(p.birthDate(), admit).getYears();
        AbstractEdits.Stay stay = new AbstractEdits.Stay(admit, discharge.isBefore(admit) ? admit : discharge, true, age,
                p.sex() == null ? "U" : p.sex().name());
        Optional<Header> h = header(encounterId, BILLING);
        AbstractInput input = h.map(this::input).orElseGet(() -> fromFindings(e));
        return grouping.group(stay, input, h.isPresent() && "FINAL".equals(h.get().status));
    }

    /** An abstract built from the chart's ICD-10 findings: what a working DRG is grouped from. */
    private AbstractInput fromFindings(Encounter e) {
        List<AbstractInput.Diagnosis> dx = new ArrayList<>();
        for (CodedFinding f : findings.conditions(e.id())) {
            if (CodedFinding.ICD_10_CM.equals(f.system()) && f.code() != null && !f.code().isBlank()) {
                dx.add(new AbstractInput.Diagnosis(f.code(), "Y"));
            }
        }
        List<AbstractInput.Procedure> px = new ArrayList<>();
        for (CodedFinding f : findings.procedures(e.id())) {
            if (f.code() != null && (f.system() != null && f.system().toLowerCase(java.util.Locale.ROOT).contains("icd-10-pcs")
                    || "http://www.cms.gov/Medicare/Coding/ICD10".equals(f.system()))) {
                px.add(new AbstractInput.Procedure(f.code(), null));
            }
        }
        String status = e.dischargeDisposition() == null ? "01" : e.dischargeDisposition().code();
        return new AbstractInput(dx.isEmpty() ? null : dx.get(0), dx.size() > 1 ? dx.subList(1, dx.size()) : List.of(),
                px.isEmpty() ? null : px.get(0), px.size() > 1 ? px.subList(1, px.size()) : List.of(), status, null);
    }

    private void store(Context c, String source, boolean fin, LocalDate discharge, AbstractDrg d) {
        jdbc.sql("""
                insert into coding_drg (encounter_id, source, final, discharge_date, version, drg, mdc, weight,
                                        expected_payment, message, service, attending, grouped_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (encounter_id) do update set source = excluded.source, final = excluded.final,
                  discharge_date = excluded.discharge_date, version = excluded.version, drg = excluded.drg,
                  mdc = excluded.mdc, weight = excluded.weight, expected_payment = excluded.expected_payment,
                  message = excluded.message, service = excluded.service, attending = excluded.attending,
                  grouped_at = excluded.grouped_at""")
                .params(c.encounter.id(), source, fin, discharge, d.version(), d.drg() == null ? null : Integer.valueOf(d.drg()),
                        d.mdc(), d.weight(), d.expectedPayment(), d.grouped() ? d.paymentProblem() : d.message(),
                        blankToNull(c.encounter.service()), blankToNull(c.encounter.attendingProvider()),
                        Rows.utc(clock.instant()))
                .update();
    }

    // --- the pieces ---

    record Context(Encounter encounter, Patient patient) {
    }

    private Context context(long encounterId) {
        Encounter e = charts.encounter(encounterId);
        if (!e.discharged()) {
            throw CodingProblems.conflict("Not discharged", "Encounter " + encounterId + " is not discharged; "
                    + "coding follows discharge.");
        }
        Patient p = patients.find(e.patientId()).orElseThrow(() -> new PatientNotFoundException(e.patientId()));
        return new Context(e, p);
    }

    /** Dates of the stay (and so the fiscal year) in the hospital's zone: the clock's, as the UI shows times. */
    private ZoneId zone() {
        return clock.getZone();
    }

    private AbstractEdits.Stay stay(Context c) {
        LocalDate admit = c.encounter.admitAt().atZone(zone()).toLocalDate();
        LocalDate discharge = c.encounter.dischargeAt().atZone(zone()).toLocalDate();
        int age = c.patient.birthDate() == null ? -1 : Period.between(c.patient.birthDate(), admit).getYears();
        return new AbstractEdits.Stay(admit, discharge, c.encounter.encounterClass() == EncounterClass.INPATIENT, age,
                c.patient.sex() == null ? "U" : c.patient.sex().name());
    }

    private CodedAbstract view(Context c, String kind, Header h, AbstractInput input) {
        AbstractEdits.Stay stay = stay(c);
        int fy = editor.setYear(CodeSystem.ICD10CM, FiscalYear.of(stay.dischargeDate()));
        List<CodingEdit> edits = editor.run(input, stay);
        return new CodedAbstract(c.encounter.id(), c.patient.id(), c.encounter.encounterNumber(),
                c.encounter.encounterClass().name(), c.encounter.admitAt(), c.encounter.dischargeAt(),
                FiscalYear.of(stay.dischargeDate()), stay.age(),
                stay.sex(), kind, h == null ? "NEW" : h.status, h == null ? null : h.coder, h == null ? null : h.savedAt,
                h == null ? null : h.finalizedAt,
                input.principalDiagnosis() == null ? null : dx(input.principalDiagnosis(), fy),
                input.secondaries().stream().map(d -> dx(d, fy)).toList(),
                input.principalProcedure() == null ? null : px(input.principalProcedure(), fy),
                input.others().stream().map(p -> px(p, fy)).toList(),
                input.dischargeDisposition(), input.admitSource(), edits, editor.versions(stay.dischargeDate()),
                suggestions(c, stay.dischargeDate(), fy),
                grouping.group(stay, input, h != null && "FINAL".equals(h.status)));
    }

    /** ICD-10 codes the source system sent with the encounter's conditions and procedures, as offers only. */
    private List<CodedAbstract.Suggestion> suggestions(Context c, LocalDate discharge, int fy) {
        List<CodedAbstract.Suggestion> offers = new ArrayList<>();
        for (CodedFinding f : findings.conditions(c.encounter.id())) {
            if (CodedFinding.ICD_10_CM.equals(f.system())) {
                offers.add(new CodedAbstract.Suggestion("DIAGNOSIS", CodeSystem.ICD10CM.dotted(f.code()), f.display(),
                        title(CodeSystem.ICD10CM, f.code(), fy), codeSets.isValid(CodeSystem.ICD10CM, f.code(), discharge)));
            }
        }
        for (CodedFinding f : findings.procedures(c.encounter.id())) {
            if (f.system() != null && f.system().toLowerCase(java.util.Locale.ROOT).contains("icd-10-pcs")
                    || "http://www.cms.gov/Medicare/Coding/ICD10".equals(f.system())) {
                offers.add(new CodedAbstract.Suggestion("PROCEDURE", f.code(), f.display(),
                        title(CodeSystem.ICD10PCS, f.code(), fy), codeSets.isValid(CodeSystem.ICD10PCS, f.code(), discharge)));
            }
        }
        return List.copyOf(offers);
    }

    private CodedAbstract.Code dx(AbstractInput.Diagnosis d, int fy) {
        return new CodedAbstract.Code(CodeSystem.ICD10CM.dotted(d.code()), title(CodeSystem.ICD10CM, d.code(), fy),
                blankToNull(d.poa()), null);
    }

    private CodedAbstract.Code px(AbstractInput.Procedure p, int fy) {
        return new CodedAbstract.Code(CodeSystem.normalize(p.code()), title(CodeSystem.ICD10PCS, p.code(), fy), null, p.date());
    }

    private String title(CodeSystem system, String code, int fy) {
        return codeSets.find(system, code, fy).map(CodeEntry::longDescription).orElse(null);
    }

    private Optional<Header> header(long encounterId, String kind) {
        return jdbc.sql("""
                select id, status, coder, saved_at, finalized_at, discharge_disposition, admit_source
                from coding_abstract where encounter_id = ? and kind = ?""")
                .params(encounterId, kind).query((rs, n) -> new Header(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(),
                        rs.getObject(5, java.time.OffsetDateTime.class) == null ? null
                                : rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                        rs.getString(6), rs.getString(7))).optional();
    }

    private Optional<Header> lockedHeader(long encounterId, String kind) {
        // Serializes two saves of one abstract, and the first save against a concurrent first save.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('coding_abstract'), ?)").param((int) (encounterId % Integer.MAX_VALUE))
                .query((rs, n) -> 1).list();
        return header(encounterId, kind);
    }

    AbstractInput input(Header h) {
        List<Object[]> rows = jdbc.sql("""
                select system, position, code, poa, procedure_date from coding_abstract_code
                where abstract_id = ? order by system, position""").param(h.id)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class)}).list();
        AbstractInput.Diagnosis principal = null;
        List<AbstractInput.Diagnosis> secondaries = new ArrayList<>();
        AbstractInput.Procedure principalPx = null;
        List<AbstractInput.Procedure> others = new ArrayList<>();
        for (Object[] r : rows) {
            boolean first = (Integer) r[1] == 0;
            if (r[0].equals("icd10cm")) {
                AbstractInput.Diagnosis d = new AbstractInput.Diagnosis((String) r[2], (String) r[3]);
                if (first) {
                    principal = d;
                } else {
                    secondaries.add(d);
                }
            } else {
                AbstractInput.Procedure p = new AbstractInput.Procedure((String) r[2], (LocalDate) r[4]);
                if (first) {
                    principalPx = p;
                } else {
                    others.add(p);
                }
            }
        }
        return new AbstractInput(principal, secondaries, principalPx, others, h.disposition, h.admitSource);
    }

    /**
     * Position 0 of a system is its principal; an abstract with secondaries but no principal keeps
     * them from position 1 so that the gap stays visible (and the edit reports it).
     */
    private void insertCodes(long abstractId, AbstractInput input) {
        List<Object[]> rows = new ArrayList<>();
        if (input.principalDiagnosis() != null) {
            rows.add(new Object[] {abstractId, "icd10cm", 0, CodeSystem.normalize(input.principalDiagnosis().code()),
                    poa(input.principalDiagnosis().poa()), null});
        }
        for (int i = 0; i < input.secondaries().size(); i++) {
            AbstractInput.Diagnosis d = input.secondaries().get(i);
            rows.add(new Object[] {abstractId, "icd10cm", i + 1, CodeSystem.normalize(d.code()), poa(d.poa()), null});
        }
        if (input.principalProcedure() != null) {
            rows.add(new Object[] {abstractId, "icd10pcs", 0, CodeSystem.normalize(input.principalProcedure().code()), null,
                    date(input.principalProcedure().date())});
        }
        for (int i = 0; i < input.others().size(); i++) {
            AbstractInput.Procedure p = input.others().get(i);
            rows.add(new Object[] {abstractId, "icd10pcs", i + 1, CodeSystem.normalize(p.code()), null, date(p.date())});
        }
        batch.batchUpdate("insert into coding_abstract_code (abstract_id, system, position, code, poa, procedure_date) "
                + "values (?, ?, ?, ?, ?, ?)", rows, new int[] {Types.BIGINT, Types.VARCHAR, Types.INTEGER, Types.VARCHAR,
                Types.VARCHAR, Types.DATE});
    }

    private static String poa(String poa) {
        String p = blankToNull(poa);
        return p == null ? null : p.toUpperCase();
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
