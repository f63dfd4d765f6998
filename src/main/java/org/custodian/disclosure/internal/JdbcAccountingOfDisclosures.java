package org.custodian.disclosure.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.custodian.Actor;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.disclosure.AccountingEntry;
import org.custodian.disclosure.AccountingOfDisclosures;
import org.custodian.disclosure.AccountingRequest;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The accounting of disclosures (45 CFR 164.528): every release writes an entry; the accounting
 * shows those of the past six years that are not exempt under 164.528(a)(1). The exempt ones stay
 * in the table with their reason and in the audit log, so a privacy officer can still answer for them.
 */
@Service
class JdbcAccountingOfDisclosures implements AccountingOfDisclosures {

    private final JdbcClient jdbc;
    private final PatientRegistry patients;
    private final AuditTrail audit;
    private final DisclosureSettings settings;
    private final DueDates dueDates;
    private final Clock clock;

    JdbcAccountingOfDisclosures(JdbcClient jdbc, PatientRegistry patients, AuditTrail audit, DisclosureSettings settings,
                                Clock clock) {
        this.jdbc = jdbc;
        this.patients = patients;
        this.audit = audit;
        this.settings = settings;
        this.dueDates = new DueDates(settings);
        this.clock = clock;
    }

    @Override
    public List<AccountingEntry> accounting(long patientId) {
        requirePatient(patientId);
        List<AccountingEntry> entries = entries(patientId);
        audit.record(AuditAction.READ, AuditOutcome.SUCCESS, patientId, "AccountingOfDisclosures", patientId, null);
        return entries;
    }

    private List<AccountingEntry> entries(long patientId) {
        return jdbc.sql("""
                        select e.disclosed_at, e.recipient, e.recipient_address, e.description, e.purpose, r.request_number
                        from accounting_entry e left join disclosure_request r on r.id = e.request_id
                        where e.patient_id = ? and e.exempt_reason is null and e.disclosed_at >= ?
                        order by e.disclosed_at desc, e.id desc""")
                .params(patientId, from().atStartOfDay(clock.getZone()).toOffsetDateTime())
                .query((rs, i) -> new AccountingEntry(Rows.instant(rs, "disclosed_at"),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    /** The first day of the six years the accounting covers (164.528(a)(3)). */
    private LocalDate from() {
        return LocalDate.now(clock).minusYears(settings.getAccountingYears());
    }

    @Override
    public byte[] report(long patientId) {
        Patient patient = patients.find(patientId).orElseThrow(() -> new PatientNotFoundException(patientId));
        List<AccountingEntry> entries = entries(patientId);
        Instant now = clock.instant();
        byte[] pdf = PacketWriter.accounting(settings, patient, entries, from(), now);
        audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, patientId, "AccountingOfDisclosures", patientId,
                entries.size() + " disclosure(s)");
        return pdf;
    }

    @Override
    public AccountingRequest receive(long patientId, String requesterName, LocalDate receivedOn) {
        if (requesterName == null || requesterName.isBlank()) {
            throw new IllegalArgumentException("requesterName: required");
        }
        if (receivedOn == null || receivedOn.isAfter(LocalDate.now(clock))) {
            throw new IllegalArgumentException("receivedOn: required, and not in the future");
        }
        requirePatient(patientId);
        LocalDate due = dueDates.accountingDue(receivedOn);
        long id = jdbc.sql("""
                        insert into accounting_request (patient_id, requester_name, received_on, due_on, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(patientId, requesterName.strip(), receivedOn, due, Actor.current(),
                        Rows.utc(clock.instant()))
                .query(Long.class).single();
        audit.patient(AuditAction.CREATE, patientId, "AccountingRequest", id);
        return new AccountingRequest(id, patientId, requesterName.strip(), receivedOn, due, null);
    }

    @Override
    public AccountingRequest fulfil(long requestId) {
        AccountingRequest r = jdbc.sql("""
                        update accounting_request set fulfilled_on = ? where id = ? and fulfilled_on is null
                        returning id, patient_id, requester_name, received_on, due_on, fulfilled_on""")
                .params(LocalDate.now(clock), requestId)
                .query((rs, i) -> new AccountingRequest(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        JdbcReleaseOfInformation.date(rs, "received_on"), JdbcReleaseOfInformation.date(rs, "due_on"),
                        JdbcReleaseOfInformation.date(rs, "fulfilled_on")))
                .optional().orElseThrow(() -> new IllegalArgumentException(
                        "id: no open accounting request has id " + requestId));
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, r.patientId(), "AccountingRequest", requestId, "fulfilled");
        return r;
    }

    @Override
    public List<AccountingRequest> openRequests() {
        List<AccountingRequest> open = jdbc.sql("""
                        select id, patient_id, requester_name, received_on, due_on, fulfilled_on from accounting_request
                        where fulfilled_on is null order by due_on, id""")
                .query((rs, i) -> new AccountingRequest(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        JdbcReleaseOfInformation.date(rs, "received_on"), JdbcReleaseOfInformation.date(rs, "due_on"), null))
                .list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, "AccountingRequest", null, open.size() + " open");
        return open;
    }

    private void requirePatient(long patientId) {
        if (patients.existing(List.of(patientId)).isEmpty()) {
            throw new PatientNotFoundException(patientId);
        }
    }
}
