package org.custodian.chart.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.custodian.Rows;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.Admission;
import org.custodian.chart.ChartNotFoundException;
import org.custodian.chart.DischargeCancelled;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.EncounterDischarged;
import org.custodian.chart.EncounterAdmitted;
import org.custodian.chart.EncounterLifecycle;
import org.custodian.chart.EncounterState;
import org.custodian.chart.EncounterStatus;
import org.custodian.chart.EncounterTransfer;
import org.custodian.patient.PatientNotFoundException;
import org.custodian.patient.PatientRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ADT lifecycle on the encounter table. Each change locks its row ({@code for update}) so two
 * messages about one visit apply one after the other, and runs in the caller's transaction if
 * there is one ({@link TransactionTemplate} joins it).
 */
@Service
class JdbcEncounterLifecycle implements EncounterLifecycle {

    private static final String COLUMNS = """
            id, patient_id, encounter_number, encounter_class, status, admit_at, discharge_at, location, patient_class,
            attending_provider, service, discharge_disposition""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PatientRegistry patients;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final PractitionerLinks links;

    JdbcEncounterLifecycle(JdbcClient jdbc, TransactionTemplate tx, PatientRegistry patients, AuditTrail audit,
                           ApplicationEventPublisher events, Clock clock, PractitionerLinks links) {
        this.links = links;
        this.jdbc = jdbc;
        this.tx = tx;
        this.patients = patients;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public EncounterState admit(Admission admission) {
        return open(admission, EncounterStatus.IN_PROGRESS);
    }

    @Override
    public List<Optional<EncounterState>> admitAllNew(List<Admission> admissions) {
        if (admissions.isEmpty()) {
            return List.of();
        }
        int n = admissions.size();
        if (admissions.stream().map(Admission::encounterNumber).filter(java.util.Objects::nonNull).distinct().count() != n) {
            throw new IllegalArgumentException("encounterNumber: each admission needs a visit number of its own");
        }
        Long[] patients = new Long[n];
        String[] numbers = new String[n];
        String[] classes = new String[n];
        String[] admitAt = new String[n]; // ISO-8601 text: the driver binds no array of OffsetDateTime
        String[] locations = new String[n];
        String[] patientClasses = new String[n];
        String[] attendings = new String[n];
        String[] services = new String[n];
        for (int i = 0; i < n; i++) {
            Admission a = admissions.get(i);
            patients[i] = a.patientId();
            numbers[i] = a.encounterNumber();
            classes[i] = a.encounterClass().name();
            admitAt[i] = a.admitAt().toString();
            locations[i] = a.location();
            patientClasses[i] = a.patientClass();
            attendings[i] = a.attendingProvider();
            services[i] = a.service();
        }
        java.util.Map<Integer, EncounterState> admitted = new java.util.HashMap<>();
        tx.executeWithoutResult(s -> jdbc.sql("""
                        with a as (
                            select * from unnest(?::bigint[], ?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[], ?::text[],
                                                 ?::text[], ?::text[])
                                with ordinality as a (patient_id, number, class, admit_at, location, patient_class,
                                                      attending, service, n)),
                        inserted as (
                            insert into encounter (patient_id, encounter_number, encounter_class, status, admit_at,
                                                   location, patient_class, attending_provider, service, updated_at)
                            select a.patient_id, a.number, a.class,
                                   'IN_PROGRESS', a.admit_at, a.location, a.patient_class, a.attending, a.service, ?
                            from a
                            where exists (select 1 from patient p where p.id = a.patient_id)
                            order by a.n
                            on conflict (encounter_number) do nothing
                            returning\s""" + COLUMNS + """
                        )
                        select i.*, a.n from inserted i join a on a.number = i.encounter_number""")
                .params(patients, numbers, classes, admitAt, locations, patientClasses, attendings, services,
                        Rows.utc(clock.instant()))
                .query((rs, i) -> admitted.put(rs.getInt(13) - 1, map(rs))).list());
        List<org.custodian.audit.AuditEntry> audited = new java.util.ArrayList<>();
        List<Optional<EncounterState>> result = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EncounterState e = admitted.get(i);
            result.add(Optional.ofNullable(e));
            if (e != null) {
                audited.add(audit.entry(AuditAction.UPDATE, org.custodian.audit.AuditOutcome.SUCCESS, e.patientId(),
                        "Encounter", e.id(), null));
            }
        }
        audit.recordAll(audited);
        if (!admitted.isEmpty()) {
            tx.executeWithoutResult(s -> {
                links.linkEncounters(admitted.values().stream().map(EncounterState::id).toList());
                admitted.forEach((i, e) -> linkOthers(e.id(), admissions.get(i)));
                admitted.values().forEach(this::admitted);
            });
        }
        return result;
    }

    @Override
    public EncounterState preAdmit(Admission admission) {
        return open(admission, EncounterStatus.PLANNED);
    }

    private EncounterState open(Admission a, EncounterStatus status) {
        EncounterState result = tx.execute(s -> {
            // The common case (an HL7 feed admits many): a new visit of a registered patient, in one
            // statement that also reads the row back. Any other case takes the checks below.
            Optional<EncounterState> inserted = insertNew(a, status);
            if (inserted.isPresent()) {
                return inserted.get();
            }
            if (!patients.exists(a.patientId())) {
                throw new PatientNotFoundException(a.patientId());
            }
            Optional<EncounterState> existing = a.encounterNumber() == null ? Optional.empty()
                    : lockByNumber(a.encounterNumber());
            if (existing.isPresent()) {
                EncounterState e = existing.get();
                if (e.patientId() != a.patientId()) {
                    throw new IllegalArgumentException("encounterNumber: belongs to another patient's encounter");
                }
                if (e.status() == EncounterStatus.FINISHED || e.status() == EncounterStatus.CANCELLED) {
                    throw new IllegalArgumentException("encounterNumber: the encounter is " + e.status().name().toLowerCase()
                            + "; it cannot be admitted again");
                }
                if (e.dischargeAt() != null && e.dischargeAt().isBefore(a.admitAt())) {
                    throw new IllegalArgumentException("admitAt: after the discharge time");
                }
                // A planned encounter becomes the admission; an admission repeated updates its details.
                EncounterStatus next = e.status() == EncounterStatus.IN_PROGRESS ? EncounterStatus.IN_PROGRESS : status;
                jdbc.sql("""
                                update encounter set status = ?, encounter_class = ?, patient_class = ?, admit_at = ?,
                                       location = coalesce(?, location), attending_provider = coalesce(?, attending_provider),
                                       service = coalesce(?, service), updated_at = ?
                                where id = ?""")
                        .params(next.name(), a.encounterClass().name(), a.patientClass(), Rows.utc(a.admitAt()), a.location(),
                                a.attendingProvider(), a.service(), Rows.utc(clock.instant()), e.id())
                        .update();
                return byId(e.id());
            }
            // Only when the visit number that conflicted above was rolled back by its transaction since.
            return insertNew(a, status).orElseThrow(() -> new IllegalArgumentException(
                    "encounterNumber: the visit number was registered concurrently"));
        });
        audit.patient(AuditAction.UPDATE, result.patientId(), "Encounter", result.id());
        tx.executeWithoutResult(s -> {
            links.linkEncounters(List.of(result.id()));
            linkOthers(result.id(), a);
            if (result.status() == EncounterStatus.IN_PROGRESS) {
                admitted(result);
            }
        });
        return result;
    }

    /** The admitting (PV1-17) and consulting (PV1-9) practitioners by reference. */
    private void linkOthers(long encounterId, Admission a) {
        if (a.admittingProvider() != null) {
            links.linkNamed(encounterId, org.custodian.chart.ParticipantRole.ADMITTING, List.of(a.admittingProvider()));
        }
        links.linkNamed(encounterId, org.custodian.chart.ParticipantRole.CONSULTING, a.consultingProviders());
    }

    /** Record completion starts its clocks (the history and physical's 24 hours) at admission. */
    private void admitted(EncounterState e) {
        events.publishEvent(new EncounterAdmitted(e.id(), e.patientId(), e.encounterClass(), e.admitAt()));
    }

    /** A new encounter row, read back; empty when the patient is missing or the visit number is taken. */
    private Optional<EncounterState> insertNew(Admission a, EncounterStatus status) {
        return jdbc.sql("""
                        insert into encounter (patient_id, encounter_number, encounter_class, status, admit_at,
                                               location, patient_class, attending_provider, service, updated_at)
                        select ?, coalesce(?, 'V' || nextval('encounter_number_seq')), ?, ?, ?, ?, ?, ?, ?, ?
                        where exists (select 1 from patient where id = ?)
                        on conflict (encounter_number) do nothing
                        returning\s""" + COLUMNS)
                .params(a.patientId(), a.encounterNumber(), a.encounterClass().name(), status.name(),
                        Rows.utc(a.admitAt()), a.location(), a.patientClass(), a.attendingProvider(), a.service(),
                        Rows.utc(clock.instant()), a.patientId())
                .query((rs, i) -> map(rs)).optional();
    }

    @Override
    public EncounterState transfer(long encounterId, String toLocation, Instant at) {
        if (toLocation == null || toLocation.isBlank()) {
            throw new IllegalArgumentException("location: a transfer needs the new location");
        }
        EncounterState result = tx.execute(s -> {
            EncounterState e = lock(encounterId);
            requireStatus(e, "transfer", EncounterStatus.IN_PROGRESS, EncounterStatus.PLANNED);
            jdbc.sql("insert into encounter_transfer (encounter_id, from_location, to_location, transferred_at) values (?, ?, ?, ?)")
                    .params(encounterId, e.location(), toLocation, Rows.utc(at)).update();
            jdbc.sql("update encounter set location = ?, updated_at = ? where id = ?")
                    .params(toLocation, Rows.utc(clock.instant()), encounterId).update();
            return byId(encounterId);
        });
        audit.patient(AuditAction.UPDATE, result.patientId(), "Encounter", encounterId);
        return result;
    }

    @Override
    public EncounterState discharge(long encounterId, Instant at, DischargeDisposition disposition) {
        EncounterState result = tx.execute(s -> {
            // One statement when the discharge is allowed (the update locks the row as "for update" would);
            // when it is not, the row is read to say why.
            Optional<EncounterState> discharged = jdbc.sql("""
                            update encounter set status = 'FINISHED', discharge_at = ?, discharge_disposition = ?, updated_at = ?
                            where id = ? and status = 'IN_PROGRESS' and admit_at <= ?
                            returning\s""" + COLUMNS)
                    .params(Rows.utc(at), disposition == null ? null : disposition.code(), Rows.utc(clock.instant()), encounterId,
                            Rows.utc(at))
                    .query((rs, i) -> map(rs)).optional();
            if (discharged.isEmpty()) {
                EncounterState e = lock(encounterId);
                requireStatus(e, "discharge", EncounterStatus.IN_PROGRESS);
                if (at.isBefore(e.admitAt())) {
                    throw new IllegalArgumentException("dischargeAt: before admitAt");
                }
                throw new IllegalStateException("encounter " + encounterId + " could not be discharged");
            }
            EncounterState done = discharged.get();
            // Published inside the transaction: the Modulith registry stores it with the commit.
            events.publishEvent(new EncounterDischarged(encounterId, done.patientId(), done.encounterClass(), at));
            return done;
        });
        audit.patient(AuditAction.UPDATE, result.patientId(), "Encounter", encounterId);
        return result;
    }

    @Override
    public EncounterState cancelAdmit(long encounterId) {
        EncounterState result = tx.execute(s -> {
            EncounterState e = lock(encounterId);
            requireStatus(e, "cancel the admission of", EncounterStatus.IN_PROGRESS, EncounterStatus.PLANNED);
            jdbc.sql("update encounter set status = 'CANCELLED', updated_at = ? where id = ?")
                    .params(Rows.utc(clock.instant()), encounterId).update();
            return byId(encounterId);
        });
        audit.patient(AuditAction.UPDATE, result.patientId(), "Encounter", encounterId);
        return result;
    }

    @Override
    public EncounterState cancelDischarge(long encounterId) {
        EncounterState result = tx.execute(s -> {
            EncounterState e = lock(encounterId);
            requireStatus(e, "cancel the discharge of", EncounterStatus.FINISHED);
            jdbc.sql("""
                            update encounter set status = 'IN_PROGRESS', discharge_at = null, discharge_disposition = null,
                                   updated_at = ?
                            where id = ?""")
                    .params(Rows.utc(clock.instant()), encounterId).update();
            events.publishEvent(new DischargeCancelled(encounterId, e.patientId()));
            return byId(encounterId);
        });
        audit.patient(AuditAction.UPDATE, result.patientId(), "Encounter", encounterId);
        return result;
    }

    @Override
    public EncounterState update(long encounterId, String location, EncounterClass encounterClass, String patientClass,
                                 String attendingProvider, String service) {
        EncounterState result = tx.execute(s -> {
            EncounterState e = lock(encounterId);
            requireStatus(e, "update", EncounterStatus.PLANNED, EncounterStatus.IN_PROGRESS, EncounterStatus.FINISHED);
            jdbc.sql("""
                            update encounter set location = coalesce(?, location), encounter_class = coalesce(?, encounter_class),
                                   patient_class = coalesce(?, patient_class),
                                   attending_provider = coalesce(?, attending_provider), service = coalesce(?, service),
                                   updated_at = ?
                            where id = ?""")
                    .params(location, encounterClass == null ? null : encounterClass.name(), patientClass,
                            attendingProvider, service, Rows.utc(clock.instant()), encounterId)
                    .update();
            if (attendingProvider != null && !attendingProvider.isBlank()) {
                // A new attending (A08, PV1-7) replaces the reference, resolved from the new name.
                jdbc.sql("delete from encounter_participant where encounter_id = ? and role = 'ATTENDING'").param(encounterId).update();
                links.linkEncounters(List.of(encounterId));
            }
            return byId(encounterId);
        });
        audit.patient(AuditAction.UPDATE, result.patientId(), "Encounter", encounterId);
        return result;
    }

    @Override
    public Optional<EncounterState> byNumber(String encounterNumber) {
        return jdbc.sql("select " + COLUMNS + " from encounter where encounter_number = ?")
                .param(encounterNumber).query((rs, i) -> map(rs)).optional();
    }

    @Override
    public Optional<EncounterState> current(long patientId) {
        return jdbc.sql("select " + COLUMNS + " from encounter where patient_id = ? and status = 'IN_PROGRESS'"
                        + " order by admit_at desc, id desc limit 1")
                .param(patientId).query((rs, i) -> map(rs)).optional();
    }

    @Override
    public EncounterState state(long encounterId) {
        EncounterState e = jdbc.sql("select " + COLUMNS + " from encounter where id = ?").param(encounterId)
                .query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> new ChartNotFoundException("Encounter", encounterId));
        audit.patient(AuditAction.READ, e.patientId(), "Encounter", encounterId);
        return e;
    }

    @Override
    public List<EncounterTransfer> transfers(long encounterId) {
        EncounterState e = state(encounterId);
        return jdbc.sql("""
                        select id, encounter_id, from_location, to_location, transferred_at, cancelled
                        from encounter_transfer where encounter_id = ? order by transferred_at, id""")
                .param(e.id())
                .query((rs, i) -> new EncounterTransfer(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        Rows.instant(rs, 5), rs.getBoolean(6)))
                .list();
    }

    private Optional<EncounterState> lockByNumber(String number) {
        return jdbc.sql("select " + COLUMNS + " from encounter where encounter_number = ? for update")
                .param(number).query((rs, i) -> map(rs)).optional();
    }

    private EncounterState lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from encounter where id = ? for update").param(id)
                .query((rs, i) -> map(rs)).optional()
                .orElseThrow(() -> new ChartNotFoundException("Encounter", id));
    }

    private EncounterState byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from encounter where id = ?").param(id).query((rs, i) -> map(rs)).single();
    }

    private static void requireStatus(EncounterState e, String what, EncounterStatus... allowed) {
        for (EncounterStatus s : allowed) {
            if (e.status() == s) {
                return;
            }
        }
        throw new IllegalArgumentException("status: cannot " + what + " an encounter that is "
                + e.status().name().toLowerCase().replace('_', ' '));
    }

    private static EncounterState map(ResultSet rs) throws SQLException {
        String disposition = rs.getString(12);
        return new EncounterState(rs.getLong(1), rs.getLong(2), rs.getString(3), EncounterClass.valueOf(rs.getString(4)),
                EncounterStatus.valueOf(rs.getString(5)), Rows.instant(rs, 6), Rows.instant(rs, 7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11),
                disposition == null ? null : DischargeDisposition.ofCode(disposition).orElse(null));
    }

}
