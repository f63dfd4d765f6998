package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custodian.chart.Admission;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.EncounterLifecycle;
import org.custodian.chart.EncounterState;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.mpi.OverlayRiskException;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.mpi.RegistrationScreen;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Applies one ADT event to the patient registry and the chart, inside the receiver's transaction.
 * Patients are identified by the PID-3 identifier of type MR within the sending facility (MSH-4);
 * visits by PV1-19. Anything that cannot be applied is an {@link AdtProblem} naming the field.
 */
@Component
class AdtApplier {

    /** The paths {@link #apply} reads, for {@link AdtFields#prefetch} on the connection's thread. */
    static final List<String> PATHS = List.of("/.EVN-2", "/.EVN-6", "/MSH-7", "/.PID-3(0)-1", "/.PID-3(0)-5",
            "/.PID-3(1)-1", "/.PID-3(1)-5", "/.PID-5(0)-1-1", "/.PID-5(0)-2", "/.PID-5(0)-3", "/.PID-7", "/.PID-8-1",
            "/.PID-11(0)-1-1", "/.PID-11(0)-1-2", "/.PID-11(0)-1-3", "/.PID-11(0)-2", "/.PID-11(0)-3", "/.PID-11(0)-4",
            "/.PID-11(0)-5", "/.PID-13(0)-1", "/.PID-13(0)-6", "/.PID-13(0)-7", "/.PID-19", "/.PV1-2-1", "/.PV1-3-1",
            "/.PV1-3-2", "/.PV1-3-3", "/.PV1-7(0)-2-1", "/.PV1-7(0)-3", "/.PV1-10-1", "/.PV1-19-1", "/.PV1-36-1",
            "/.PV1-44", "/.PV1-45", "/.PV2-8", "/.MRG-1(0)-1");

    /** The events that register a patient whose MRN is unknown ({@link #patient} with {@code create}). */
    private static final java.util.Set<String> REGISTERING = java.util.Set.of("A01", "A04", "A05", "A08", "A28", "A31");

    static final List<String> SUPPORTED = List.of("A01", "A02", "A03", "A04", "A05", "A08", "A11", "A13", "A28",
            "A31", "A40");

    private final PatientRegistry patients;
    private final EncounterLifecycle encounters;
    private final MasterPatientIndex mpi;
    private final RegistrationScreen screen;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MdmApplier documents;
    private final OruApplier results;

    AdtApplier(PatientRegistry patients, EncounterLifecycle encounters, MasterPatientIndex mpi, RegistrationScreen screen,
               JdbcClient jdbc, Clock clock, MdmApplier documents, OruApplier results) {
        this.documents = documents;
        this.results = results;
        this.screen = screen;
        this.clock = clock;
        this.patients = patients;
        this.encounters = encounters;
        this.mpi = mpi;
        this.jdbc = jdbc;
    }

    /**
     * Before a batch's messages are applied together: takes the locks of every MRN they name (in
     * PID-3, and as a merge's prior MRN in MRG-1) in one statement and in one order, so two
     * transactions cannot deadlock; resolves the MRNs with one statement instead of one per
     * message; and registers and admits what it can ahead ({@link #registerAhead},
     * {@link #admitAhead}). A message whose MRN is unreadable is left to fail in {@link #apply}.
     */
    void prepare(List<AdtFields> messages, List<Hl7Header> headers, FeedBatch batch) {
        java.util.TreeSet<String> locks = new java.util.TreeSet<>();
        Map<String, List<String>> byFacility = new HashMap<>();
        // The message that first names each MRN (in PID-3, or as a merge's prior MRN in MRG-1).
        Map<String, Integer> firstNamedBy = new java.util.LinkedHashMap<>();
        java.util.Set<String> resolving = new java.util.HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            String facility = headers.get(i).facility();
            try {
                String mrn = mrn(messages.get(i));
                String key = FeedBatch.key(facility, mrn);
                locks.add(key);
                firstNamedBy.putIfAbsent(key, i);
                if (resolving.add(key)) {
                    byFacility.computeIfAbsent(facility, f -> new ArrayList<>()).add(mrn);
                }
            } catch (AdtProblem e) {
                // an unreadable MRN: that message fails on its own turn
            }
            String prior = messages.get(i).get("/.MRG-1(0)-1");
            if (prior != null) {
                locks.add(FeedBatch.key(facility, prior));
                firstNamedBy.putIfAbsent(FeedBatch.key(facility, prior), -1);
            }
        }
        if (locks.isEmpty()) {
            return;
        }
        jdbc.sql("select count(pg_advisory_xact_lock(hashtext('mrn|' || k))) from unnest(?::text[]) k")
                .param(locks.toArray(String[]::new)).query(Long.class).single();
        batch.lockedAll(locks);
        byFacility.forEach((facility, mrns) -> {
            Map<String, Long> found = mpi.resolveMrns(facility, mrns);
            for (String mrn : mrns) {
                batch.resolved(FeedBatch.key(facility, mrn), Optional.ofNullable(found.get(mrn)));
            }
        });
        registerAhead(messages, headers, firstNamedBy, batch);
        admitAhead(messages, headers, firstNamedBy, batch);
    }

    /**
     * Registers with one call the batch's new patients whose MRN is first named by a message that
     * registers an unknown patient (A01, A04, A05, A08, A28, A31), with that message's
     * demographics: what that message would register, ahead of it, so that the registry's checks
     * and inserts run once per batch instead of once per patient. A message whose demographics
     * break a rule is left to fail as it would have alone.
     */
    private void registerAhead(List<AdtFields> messages, List<Hl7Header> headers, Map<String, Integer> firstNamedBy,
                               FeedBatch batch) {
        List<String> newKeys = new ArrayList<>();
        List<NewPatient> newPatients = new ArrayList<>();
        firstNamedBy.forEach((key, i) -> {
            if (i < 0 || !REGISTERING.contains(headers.get(i).trigger()) || !"ADT".equals(headers.get(i).messageType())) {
                return;
            }
            Optional<Long> known = batch.known(key);
            if (known == null || known.isPresent()) {
                return;
            }
            try {
                String facility = headers.get(i).facility();
                newPatients.add(demographics(messages.get(i), facility, mrn(messages.get(i))));
                newKeys.add(key);
            } catch (AdtProblem e) {
                // that message fails on its own turn
            }
        });
        if (newPatients.isEmpty()) {
            return;
        }
        List<Long> ids = chart(() -> patients.registerAll(newPatients, org.custodian.patient.RegistrationSource.ADT_FEED), "PID", 3);
        for (int k = 0; k < ids.size(); k++) {
            batch.registeredAhead(newKeys.get(k), ids.get(k));
        }
    }

    /** After a batch's messages: queues the patients they registered for the MPI's screen, in one statement. */
    void finish(FeedBatch batch) {
        screen.screenLater(batch.registered());
    }

    /** Applies the event; returns the patient it concerned. */
    long apply(AdtFields m, Hl7Header h, FeedBatch batch) {
        // Documents and results: their own appliers, in the same transaction and with the same ACK rules.
        if ("MDM".equals(h.messageType())) {
            return documents.apply(m, h);
        }
        if ("ORU".equals(h.messageType())) {
            return results.apply(m, h);
        }
        if (!"ADT".equals(h.messageType())) {
            throw AdtProblem.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH", 9,
                    "only ADT, MDM (T02, T04, T06, T08, T10, T11) and ORU^R01 messages are accepted here");
        }
        String trigger = h.trigger();
        if (trigger == null || !SUPPORTED.contains(trigger)) {
            throw AdtProblem.reject(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 9,
                    "event " + (trigger == null ? "(none)" : sanitize(trigger)) + " is not one of " + SUPPORTED);
        }
        String facility = h.facility();
        return switch (trigger) {
            case "A01" -> open(m, facility, EncounterClass.INPATIENT, false, batch);
            case "A04" -> open(m, facility, EncounterClass.OUTPATIENT, false, batch);
            case "A05" -> open(m, facility, EncounterClass.INPATIENT, true, batch);
            case "A02" -> {
                long patient = patient(m, facility, false, false, batch);
                FeedBatch.Visit e = visit(m, patient, true, batch);
                String to = location(m);
                if (to == null) {
                    throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "PV1", 3, "a transfer needs the new location");
                }
                encounters.transfer(e.encounterId(), to, eventTime(m));
                yield patient;
            }
            case "A03" -> {
                long patient = patient(m, facility, false, false, batch);
                FeedBatch.Visit e = visit(m, patient, true, batch);
                Instant at = m.instant("/.PV1-45", "PV1", 45);
                DischargeDisposition disposition = Optional.ofNullable(m.get("/.PV1-36-1"))
                        .flatMap(DischargeDisposition::ofCode).orElse(null);
                chart(() -> encounters.discharge(e.encounterId(), at != null ? at : eventTime(m), disposition), "PV1", 45);
                yield patient;
            }
            case "A08" -> {
                long patient = patient(m, facility, true, true, batch);
                String number = visitNumber(m);
                if (number != null) {
                    Optional<EncounterState> e = encounters.byNumber(number);
                    if (e.isPresent() && e.get().patientId() == patient) {
                        String pclass = m.get("/.PV1-2-1");
                        chart(() -> encounters.update(e.get().id(), location(m),
                                pclass == null ? null : encounterClass(pclass, e.get().encounterClass()), clip(pclass, 1),
                                attending(m), clip(m.get("/.PV1-10-1"), 100)), "PV1", 19);
                    }
                }
                yield patient;
            }
            case "A11" -> {
                long patient = patient(m, facility, false, false, batch);
                FeedBatch.Visit e = visit(m, patient, false, batch);
                chart(() -> encounters.cancelAdmit(e.encounterId()), "PV1", 19);
                yield patient;
            }
            case "A13" -> {
                long patient = patient(m, facility, false, false, batch);
                if (visitNumber(m) == null) {
                    throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "PV1", 19,
                            "cancelling a discharge needs the visit number");
                }
                FeedBatch.Visit e = visit(m, patient, false, batch);
                chart(() -> encounters.cancelDischarge(e.encounterId()), "PV1", 19);
                yield patient;
            }
            case "A28", "A31" -> patient(m, facility, true, true, batch);
            case "A40" -> mergePatients(m, h, batch);
            default -> throw new IllegalStateException("unreachable");
        };
    }

    private long open(AdtFields m, String facility, EncounterClass defaultClass, boolean planned, FeedBatch batch) {
        long patient = patient(m, facility, true, false, batch);
        if (batch.takeAdmittedAhead(m)) {
            return patient; // admitted with this message's admission by admitAhead
        }
        Admission a = admission(m, patient, defaultClass, planned);
        EncounterState opened = chart(() -> planned ? encounters.preAdmit(a) : encounters.admit(a), "PV1", 19);
        batch.visit(opened.encounterNumber(), new FeedBatch.Visit(opened.id(), opened.patientId()));
        return patient;
    }

    /** The admission (A01, A04) or pre-admission (A05) a message asks for. */
    private Admission admission(AdtFields m, long patient, EncounterClass defaultClass, boolean planned) {
        String pclass = m.get("/.PV1-2-1");
        Instant admitAt = m.instant("/.PV1-44", "PV1", 44);
        if (admitAt == null && planned) {
            admitAt = m.instant("/.PV2-8", "PV2", 8);
        }
        return new Admission(patient, visitNumber(m), encounterClass(pclass, defaultClass), clip(pclass, 1),
                admitAt != null ? admitAt : eventTime(m), location(m), attending(m), clip(m.get("/.PV1-10-1"), 100),
                doctor(m, "PV1-17", 0), consultants(m));
    }

    /** The doctor of an XCN field's repetition (family, given), or null. */
    private static String doctor(AdtFields m, String field, int repetition) {
        String family = m.get("/." + field + "(" + repetition + ")-2-1");
        String given = m.get("/." + field + "(" + repetition + ")-3");
        return family == null ? null : clip(given == null ? family : given + " " + family, 200);
    }

    /** The consulting doctors (PV1-9, repeating), for the chart's practitioner references. */
    private static List<String> consultants(AdtFields m) {
        List<String> names = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            String name = doctor(m, "PV1-9", r);
            if (name == null) {
                break;
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Admits with one statement the batch's admissions (A01, A04) that open a new visit of a
     * patient no earlier message of the batch named, under a visit number no earlier message
     * named: nothing before them in the batch can tell whether they were applied ahead or in
     * their turn. A visit number already taken, or anything amiss, is left to the message's turn.
     */
    private void admitAhead(List<AdtFields> messages, List<Hl7Header> headers, Map<String, Integer> firstNamedBy,
                            FeedBatch batch) {
        java.util.Set<String> visitsNamed = new java.util.HashSet<>();
        List<AdtFields> admitting = new ArrayList<>();
        List<Admission> admissions = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            AdtFields m = messages.get(i);
            String number;
            try {
                number = visitNumber(m);
            } catch (AdtProblem e) {
                continue;
            }
            if (number == null || !visitsNamed.add(number)) {
                continue;
            }
            Hl7Header h = headers.get(i);
            String trigger = h.trigger();
            if (!"ADT".equals(h.messageType()) || !("A01".equals(trigger) || "A04".equals(trigger))) {
                continue;
            }
            try {
                String key = FeedBatch.key(h.facility(), mrn(m));
                Optional<Long> patient = batch.known(key);
                if (!Integer.valueOf(i).equals(firstNamedBy.get(key)) || patient == null || patient.isEmpty()) {
                    continue;
                }
                admissions.add(admission(m, patient.get(), "A01".equals(trigger) ? EncounterClass.INPATIENT
                        : EncounterClass.OUTPATIENT, false));
                admitting.add(m);
            } catch (AdtProblem e) {
                // that message fails on its own turn
            }
        }
        if (admissions.isEmpty()) {
            return;
        }
        List<Optional<EncounterState>> admitted = chart(() -> encounters.admitAllNew(admissions), "PV1", 19);
        for (int k = 0; k < admitted.size(); k++) {
            int at = k;
            admitted.get(k).ifPresent(e -> {
                batch.admitAhead(admitting.get(at));
                batch.visit(e.encounterNumber(), new FeedBatch.Visit(e.id(), e.patientId()));
            });
        }
    }

    private long mergePatients(AdtFields m, Hl7Header h, FeedBatch batch) {
        long surviving = patient(m, h.facility(), false, false, batch);
        String priorMrn = m.get("/.MRG-1(0)-1");
        if (priorMrn == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "MRG", 1, "a merge needs the prior patient identifier");
        }
        if (batch.lockNeeded(FeedBatch.key(h.facility(), priorMrn))) {
            lock(h.facility(), priorMrn);
        }
        // Asked, not taken from the batch: a merge is rare, and what the batch knows is dropped below.
        long retired = mpi.resolveMrn(h.facility(), priorMrn).orElseThrow(() -> AdtProblem.error(
                ErrorCode.UNKNOWN_KEY_IDENTIFIER, "MRG", 1, "no patient with this prior MRN at the sending facility"));
        if (retired == surviving) {
            // The prior MRN already resolves to the surviving record: merged before (by an analyst or an earlier A40).
            return surviving;
        }
        batch.merged();
        try {
            mpi.merge(surviving, retired, "HL7 v2 ADT^A40 from " + sanitize(h.sendingApplication()) + " control id "
                    + sanitize(h.controlId()));
        } catch (OverlayRiskException e) {
            // An automatic merge never passes the overlay guard; an analyst decides (MPI worklist).
            throw AdtProblem.error(ErrorCode.APPLICATION_RECORD_LOCKED, "MRG", 1,
                    "the overlay guard refused to merge these records (they disagree on sex, birth date or SSN); "
                            + "a data integrity analyst must review the pair");
        }
        return surviving;
    }

    /** The encounter the message is about: its PV1-19 visit, or (when {@code orCurrent}) the patient's visit in progress. */
    private FeedBatch.Visit visit(AdtFields m, long patient, boolean orCurrent, FeedBatch batch) {
        String number = visitNumber(m);
        if (number != null) {
            FeedBatch.Visit e = batch.visit(number);
            if (e == null) {
                e = encounters.byNumber(number).map(found -> new FeedBatch.Visit(found.id(), found.patientId()))
                        .orElseThrow(() -> AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "PV1", 19,
                                "no encounter with this visit number"));
                batch.visit(number, e);
            }
            if (e.patientId() != patient) {
                throw AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "PV1", 19,
                        "the visit number belongs to another patient");
            }
            return e;
        }
        if (orCurrent) {
            return encounters.current(patient).map(found -> new FeedBatch.Visit(found.id(), found.patientId()))
                    .orElseThrow(() -> AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING,
                    "PV1", 19, "no visit number and the patient has no encounter in progress"));
        }
        throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "PV1", 19, "the visit number is required");
    }

    /**
     * The patient of PID-3 at the sending facility, registered when {@code create} and unknown,
     * demographics replaced when {@code update}. A transaction-scoped advisory lock on the
     * facility and MRN makes two messages about a new patient on two connections register one.
     */
    private long patient(AdtFields m, String facility, boolean create, boolean update, FeedBatch batch) {
        String mrn = mrn(m);
        String key = FeedBatch.key(facility, mrn);
        if (batch.lockNeeded(key)) {
            lock(facility, mrn);
        }
        if (create) {
            Long ahead = batch.takeRegisteredAhead(key);
            if (ahead != null) {
                return ahead; // registered with this message's demographics by registerAhead
            }
        }
        // Through the MPI: an MRN retired by a merge stands for the record it was merged into.
        Optional<Long> known = batch.known(key);
        Optional<Long> id = known != null ? known : mpi.resolveMrn(facility, mrn);
        if (id.isPresent()) {
            if (update) {
                chart(() -> patients.update(id.get(), demographics(m, facility, mrn)), "PID", 5);
            }
            return id.get();
        }
        if (!create) {
            throw AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "PID", 3,
                    "no patient with this MRN at the sending facility");
        }
        NewPatient p = demographics(m, facility, mrn);
        // registerAll, not register: the feed needs only the id, not the stored record read back.
        long registered = chart(() -> patients.registerAll(List.of(p), org.custodian.patient.RegistrationSource.ADT_FEED), "PID", 3).get(0);
        batch.resolved(key, Optional.of(registered));
        // The MPI's registration check, as at the registration desk: the sender's MRN is new here,
        // but the person may be registered under another. The feed has no registrar to ask, so the
        // patient is queued (in this transaction) for the MPI's screen, whose likely matches go to
        // the duplicate worklist; a feed never merges by itself (an overlay is worse than a duplicate).
        if (batch.isShared()) {
            batch.registered(registered);
        } else {
            screen.screenLater(registered);
        }
        return registered;
    }

    private void lock(String facility, String mrn) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("mrn|" + facility + "|" + mrn)
                .query((rs, i) -> 1).list();
    }

    /** The PID-3 repetition of identifier type MR (else the first), checked against the registry's MRN rule. */
    static String mrn(AdtFields m) {
        String first = null;
        for (int i = 0; i < 10; i++) {
            String id = m.get("/.PID-3(" + i + ")-1");
            String type = m.get("/.PID-3(" + i + ")-5");
            if (id == null && type == null) {
                break;
            }
            if (id != null && first == null) {
                first = id;
            }
            if (id != null && "MR".equals(type)) {
                first = id;
                break;
            }
        }
        if (first == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "PID", 3, "no patient identifier");
        }
        if (!first.matches("[A-Za-z0-9-]{1,20}")) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, "PID", 3, "the MRN must be 1-20 letters, digits or '-'");
        }
        return first;
    }

    /**
     * Demographics from PID. Names, birth date and sex are required; address, phone and SSN are
     * taken when they fit the registry's rules and left out otherwise (a feed's free text in a
     * phone field is no reason to refuse an admission).
     */
    private NewPatient demographics(AdtFields m, String facility, String mrn) {
        String family = m.get("/.PID-5(0)-1-1");
        String given = m.get("/.PID-5(0)-2");
        if (family == null || given == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "PID", 5, "family and given name are required");
        }
        if (family.length() > 100 || given.length() > 100) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, "PID", 5, "a name is longer than 100 characters");
        }
        LocalDate birth = m.date("/.PID-7", "PID", 7);
        if (birth == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "PID", 7, "the birth date is required");
        }
        if (birth.isAfter(LocalDate.now(clock))) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, "PID", 7, "the birth date is in the future");
        }
        String sex = m.get("/.PID-8-1");
        AdministrativeSex s = sex == null ? AdministrativeSex.U : switch (sex) {
            case "F" -> AdministrativeSex.F;
            case "M" -> AdministrativeSex.M;
            case "O" -> AdministrativeSex.O;
            default -> AdministrativeSex.U;
        };
        List<String> line = new ArrayList<>();
        for (String part : new String[] {m.get("/.PID-11(0)-1-1"), m.get("/.PID-11(0)-1-2"), m.get("/.PID-11(0)-1-3"),
                m.get("/.PID-11(0)-2")}) {
            if (part != null) {
                line.add(part);
            }
        }
        String state = fits(m.get("/.PID-11(0)-4"), "[A-Z]{2}");
        String zip = fits(m.get("/.PID-11(0)-5"), "[0-9]{5}(-[0-9]{4})?");
        Address address = new Address(clip(line.isEmpty() ? null : String.join(" ", line), 200),
                clip(m.get("/.PID-11(0)-3"), 100), state, zip);
        String phone = fits(m.get("/.PID-13(0)-1"), "[0-9()+. -]{7,25}");
        if (phone == null && m.get("/.PID-13(0)-7") != null) {
            phone = fits((m.get("/.PID-13(0)-6") == null ? "" : m.get("/.PID-13(0)-6")) + m.get("/.PID-13(0)-7"),
                    "[0-9()+. -]{7,25}");
        }
        String ssn = fits(m.get("/.PID-19"), "[0-9]{3}-?[0-9]{2}-?[0-9]{4}");
        String middle = clip(m.get("/.PID-5(0)-3"), 100);
        return new NewPatient(facility, mrn, given, middle, family, birth, s, ssn, address, phone, List.of());
    }

    private static String visitNumber(AdtFields m) {
        String n = m.get("/.PV1-19-1");
        if (n != null && !n.matches("[A-Za-z0-9-]{1,30}")) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, "PV1", 19, "the visit number must be 1-30 letters, digits or '-'");
        }
        return n;
    }

    /** Point of care / room / bed of PV1-3. */
    private static String location(AdtFields m) {
        List<String> parts = new ArrayList<>();
        for (String p : new String[] {m.get("/.PV1-3-1"), m.get("/.PV1-3-2"), m.get("/.PV1-3-3")}) {
            if (p != null) {
                parts.add(p);
            }
        }
        return parts.isEmpty() ? null : clip(String.join("/", parts), 100);
    }

    private static String attending(AdtFields m) {
        String family = m.get("/.PV1-7(0)-2-1");
        String given = m.get("/.PV1-7(0)-3");
        if (family == null) {
            return null;
        }
        return clip(given == null ? family : given + " " + family, 200);
    }

    /** HL7 table 0004 patient class to the chart's encounter class. */
    private static EncounterClass encounterClass(String pclass, EncounterClass otherwise) {
        if (pclass == null) {
            return otherwise;
        }
        return switch (pclass) {
            case "E" -> EncounterClass.EMERGENCY;
            case "I", "P", "B" -> EncounterClass.INPATIENT;
            case "O", "R" -> EncounterClass.OUTPATIENT;
            default -> otherwise;
        };
    }

    /** When the event happened: EVN-6, else EVN-2 (recorded), else MSH-7. */
    private static Instant eventTime(AdtFields m) {
        Instant t = m.instant("/.EVN-6", "EVN", 6);
        if (t == null) {
            t = m.instant("/.EVN-2", "EVN", 2);
        }
        if (t == null) {
            t = m.instant("/MSH-7", "MSH", 7);
        }
        if (t == null) {
            throw AdtProblem.error(ErrorCode.REQUIRED_FIELD_MISSING, "EVN", 2, "no event time in EVN-6, EVN-2 or MSH-7");
        }
        return t;
    }

    /** A chart or registry rule broken (IllegalArgumentException naming its field) as a problem on the HL7 field. */
    static <T> T chart(java.util.function.Supplier<T> call, String segment, int field) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, segment, field, e.getMessage());
        } catch (jakarta.validation.ConstraintViolationException e) {
            throw AdtProblem.error(ErrorCode.DATA_TYPE_ERROR, segment, field, "a value breaks the registry's rules");
        }
    }

    private static String fits(String v, String regex) {
        return v != null && v.matches(regex) ? v : null;
    }

    private static String clip(String v, int max) {
        return v == null || v.length() <= max ? v : v.substring(0, max);
    }

    /** Only safe characters of a sender-controlled value go into error texts and merge reasons. */
    static String sanitize(String v) {
        if (v == null) {
            return "";
        }
        String s = v.replaceAll("[^A-Za-z0-9_.-]", "?");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
