package org.custodian.demo.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;
import org.custodian.chart.DischargeDisposition;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewDocument;
import org.custodian.chart.NewEncounter;
import org.custodian.demo.DemoHospital;
import org.custodian.demo.DuplicateRegistration;
import org.custodian.demo.DuplicateRegistration.Discrepancy;
import org.custodian.demo.internal.Catalog.Condition;
import org.custodian.demo.internal.Catalog.Service;
import org.custodian.demo.internal.Catalog.Setting;
import org.custodian.demo.internal.Catalog.Who;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;

/**
 * Makes a {@link DemoHospital} from a seed. Everything random comes from one
 * {@link Random} seeded once and drawn in a fixed order (Datafaker included), so the same seed,
 * size, facility and instant give the same hospital, byte for byte.
 */
public final class DemoHospitalGenerator {

    /** The hospital's wall clock: outpatient clinics open at 8 local time, not 8 UTC. */
    static final ZoneId ZONE = ZoneId.of("America/New_York");
    /** Demo MRNs have 7 digits so they never meet the registry's own 8-digit sequence (10000001 up). */
    static final int FIRST_MRN = 1_000_001;
    /**
     * Registrations made again for a person already registered: 6% of people, within the duplicate
     * rates hospitals report, and at the demo's 1,000 people enough for the duplicate worklist to have a
     * second page at first start (issue 19).
     */
    static final double DUPLICATE_SHARE = 0.06;
    static final int HISTORY_DAYS = 730;

    private final long seed;
    private final String facility;
    private final Instant now;
    /** Notes written within this long before now are this month's completion work. */
    static final Duration RECENT = Duration.ofDays(30);
    private final LocalDate today;
    /** Draws for the roster, the people and the duplicates: their truth depends on seed and size only. */
    private final Random random;
    /** Draws for visits and notes, which also depend on the instant; kept apart so they cannot shift the people. */
    private final Random visitRandom;
    private final Faker us;
    private final Faker hispanic;
    private final Faker french;
    private final NoteWriter notes;
    private final Map<Service, List<String>> roster = new EnumMap<>(Service.class);

    public DemoHospitalGenerator(long seed, String facility, Instant now) {
        this.seed = seed;
        this.facility = facility;
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.today = LocalDate.ofInstant(this.now, ZONE);
        this.random = new Random(seed);
        this.visitRandom = new Random(Long.rotateLeft(seed, 32) ^ 0x5DEECE66DL);
        // One Random behind all three: their draws interleave in program order, so they stay reproducible.
        this.us = new Faker(Locale.US, random);
        this.hispanic = new Faker(Locale.forLanguageTag("es-MX"), random);
        this.french = new Faker(Locale.FRANCE, random);
        this.notes = new NoteWriter(visitRandom);
    }

    public DemoHospital generate(int people) {
        if (people < 1) {
            throw new IllegalArgumentException("people: at least 1");
        }
        List<String> physicians = buildRoster();
        String homeState = us.address().stateAbbr();

        List<Person> persons = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            persons.add(person(homeState, i));
        }

        // About 6% come back and are registered again, with a clerk's mistakes, under a new MRN.
        int duplicateCount = (int) Math.round(people * DUPLICATE_SHARE);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, random);
        List<Person> registrations = new ArrayList<>(persons);
        for (int d = 0; d < duplicateCount; d++) {
            Person original = persons.get(order.get(d));
            registrations.add(duplicate(original, homeState, people));
        }
        // A duplicate is registered some time after the original: sort by that registration moment.
        registrations.sort(Comparator.comparingDouble(p -> p.registeredAt));
        for (int i = 0; i < registrations.size(); i++) {
            registrations.get(i).mrn = String.valueOf(FIRST_MRN + i);
            registrations.get(i).index = i;
        }

        List<NewPatient> newPatients = new ArrayList<>(registrations.size());
        List<DuplicateRegistration> duplicates = new ArrayList<>();
        for (Person p : registrations) {
            newPatients.add(p.toNewPatient(facility));
            if (p.original != null) {
                duplicates.add(new DuplicateRegistration(p.index, p.original.index, p.mrn, p.original.mrn,
                        List.copyOf(p.discrepancies)));
            }
        }

        List<DemoHospital.Visit> visits = new ArrayList<>();
        for (Person p : registrations) {
            visits.addAll(visits(p));
        }
        return new DemoHospital(seed, facility, now, List.copyOf(newPatients), List.copyOf(duplicates),
                List.copyOf(visits), physicians);
    }

    // ---------------------------------------------------------------- physicians

    private List<String> buildRoster() {
        Set<String> used = new HashSet<>();
        List<String> all = new ArrayList<>();
        for (Service service : Service.values()) {
            List<String> names = new ArrayList<>();
            while (names.size() < Catalog.rosterSize(service)) {
                Faker f = random.nextInt(5) == 0 ? hispanic : us;
                String name = f.name().firstName() + " " + f.name().lastName() + (random.nextInt(8) == 0 ? ", DO" : ", MD");
                if (used.add(name)) {
                    names.add(name);
                }
            }
            roster.put(service, names);
            all.addAll(names);
        }
        return List.copyOf(all);
    }

    private String physician(Service service) {
        List<String> names = roster.get(service);
        return names.get(visitRandom.nextInt(names.size()));
    }

    // ---------------------------------------------------------------- people

    /** A person as registration recorded them, with the clinical background their notes draw on. */
    static final class Person {
        String givenName;
        String middleName;
        String familyName;
        LocalDate birthDate;
        AdministrativeSex sex;
        String ssn;
        Address address;
        String phone;
        List<Catalog.Chronic> chronic;
        List<String> allergies;
        String social;
        /** Age in years at generation, as drawn. */
        int age;
        /** Where in the registration sequence this registration falls (0..people). */
        double registeredAt;
        Person original;
        List<Discrepancy> discrepancies = List.of();
        String mrn;
        int index;

        NewPatient toNewPatient(String facility) {
            return new NewPatient(facility, mrn, givenName, middleName, familyName, birthDate, sex, ssn, address,
                    phone, List.of());
        }

        Person copy() {
            Person c = new Person();
            c.givenName = givenName;
            c.middleName = middleName;
            c.familyName = familyName;
            c.birthDate = birthDate;
            c.sex = sex;
            c.ssn = ssn;
            c.address = address;
            c.phone = phone;
            c.chronic = chronic;
            c.allergies = allergies;
            c.social = social;
            c.age = age;
            return c;
        }
    }

    private Person person(String homeState, int i) {
        Person p = new Person();
        p.registeredAt = i;
        int r = random.nextInt(1000);
        p.sex = r < 515 ? AdministrativeSex.F : r < 997 ? AdministrativeSex.M : AdministrativeSex.U;
        birthDate(p);

        int origin = random.nextInt(100);
        if (origin < 18) {
            names(p, hispanic, 30, 20);
        } else if (origin < 21) {
            names(p, french, 3, 15);
        } else {
            names(p, us, 3, 55);
            // Datafaker draws first names evenly from a long list; real rolls are crowded with a few
            // classic names, and those are the ones that have nicknames for duplicates to use.
            if (random.nextInt(100) < 15) {
                List<String> formal = p.sex == AdministrativeSex.F ? Nicknames.FEMALE_FORMAL : Nicknames.MALE_FORMAL;
                p.givenName = formal.get(random.nextInt(formal.size()));
            }
        }
        // About 5% have no SSN on file (children, visitors, people who decline).
        p.ssn = random.nextInt(100) < 5 ? null : ssn();
        p.address = address(homeState);
        p.phone = phone();
        clinicalBackground(p);
        return p;
    }

    private void names(Person p, Faker f, int hyphenatedPercent, int middlePercent) {
        p.givenName = firstName(f, p.sex);
        p.familyName = f.name().lastName();
        if (random.nextInt(100) < hyphenatedPercent) {
            String second = f.name().lastName();
            if (!second.equals(p.familyName)) {
                p.familyName = p.familyName + "-" + second;
            }
        }
        if (random.nextInt(100) < middlePercent && !p.givenName.contains(" ")) {
            String middle = firstName(f, p.sex);
            p.middleName = random.nextInt(4) == 0 ? middle.substring(0, 1) : middle;
        }
    }

    private String firstName(Faker f, AdministrativeSex sex) {
        return switch (sex) {
            case F -> f.name().femaleFirstName();
            case M -> f.name().maleFirstName();
            default -> f.name().firstName();
        };
    }

    /**
     * The age, month and day are drawn and only the year comes from today, so that the number
     * of draws, and everything drawn after (the duplicates' truth included), never depends on
     * the date of generation. February has 28 days here: a leap day would come and go with the year.
     */
    private void birthDate(Person p) {
        int r = random.nextInt(100);
        p.age = r < 12 ? random.nextInt(18) : r < 37 ? 18 + random.nextInt(27) : r < 67 ? 45 + random.nextInt(20)
                : 65 + random.nextInt(31);
        int month = 1 + random.nextInt(12);
        int day = 1 + random.nextInt(java.time.Month.of(month).length(false));
        LocalDate dob = LocalDate.of(today.getYear() - p.age, month, day);
        p.birthDate = dob.isBefore(today) ? dob : dob.minusYears(1);
    }

    /** Synthetic: area 001-899 without 666, group 01-99, serial 0001-9999, as the SSA issues them. */
    private String ssn() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        return String.format("%03d%02d%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }

    private Address address(String homeState) {
        String line = us.address().streetAddress();
        if (random.nextInt(100) < 12) {
            line = line + " " + us.address().secondaryAddress();
        }
        String city = us.address().city();
        // A community hospital: most patients live in its state.
        String state = random.nextInt(100) < 88 ? homeState : us.address().stateAbbr();
        String zip = us.address().zipCodeByState(state);
        if (zip == null || !zip.matches("[0-9]{5}")) {
            zip = String.format("%05d", 1000 + random.nextInt(98000));
        }
        return new Address(line, city, state, zip);
    }

    private String phone() {
        String phone = us.phoneNumber().cellPhone();
        return phone.matches("[0-9()+. -]{7,25}") ? phone
                : String.format("(%03d) %03d-%04d", 201 + random.nextInt(700), 200 + random.nextInt(700), random.nextInt(10000));
    }

    private void clinicalBackground(Person p) {
        int age = p.age;
        List<Catalog.Chronic> chronic = new ArrayList<>();
        for (Catalog.Chronic c : Catalog.CHRONIC) {
            // Chronic disease accumulates with age.
            int chance = age < c.minAge() ? 0 : Math.min(45, 4 + (age - c.minAge()) / 2);
            if (c.name().equals("asthma")) {
                chance = 8;
            }
            if (random.nextInt(100) < chance) {
                chronic.add(c);
            }
        }
        p.chronic = List.copyOf(chronic);
        List<String> allergies = new ArrayList<>();
        if (random.nextInt(100) < 28) {
            allergies.add(Catalog.ALLERGIES.get(random.nextInt(Catalog.ALLERGIES.size())));
            if (random.nextInt(100) < 20) {
                String second = Catalog.ALLERGIES.get(random.nextInt(Catalog.ALLERGIES.size()));
                if (!allergies.contains(second)) {
                    allergies.add(second);
                }
            }
        }
        p.allergies = List.copyOf(allergies);
        p.social = age < 18 ? "Lives with " + (random.nextBoolean() ? "both parents" : "mother") + "; attends "
                + (age < 5 ? "daycare" : "school") + ". No tobacco smoke exposure at home."
                : NoteWriter.socialHistory(random, age, us.job().title());
    }

    static int age(LocalDate birthDate, LocalDate on) {
        return (int) ChronoUnit.YEARS.between(birthDate, on);
    }

    // ---------------------------------------------------------------- duplicates

    private Person duplicate(Person original, String homeState, int people) {
        Person d = original.copy();
        d.original = original;
        d.registeredAt = original.registeredAt + 0.5 + random.nextDouble() * Math.max(1, people - original.registeredAt);
        List<Discrepancy> kinds = new ArrayList<>();
        kinds.add(applyDiscrepancy(d, null, homeState));
        if (random.nextInt(100) < 40) {
            Discrepancy second = applyDiscrepancy(d, kinds.get(0), homeState);
            if (second != null && !kinds.contains(second)) {
                kinds.add(second);
            }
        }
        d.discrepancies = kinds;
        return d;
    }

    /** Applies one discrepancy that this person allows, other than {@code not}; returns which. */
    private Discrepancy applyDiscrepancy(Person d, Discrepancy not, String homeState) {
        Discrepancy[] all = Discrepancy.values();
        for (int attempt = 0; attempt < 20; attempt++) {
            Discrepancy kind = all[random.nextInt(all.length)];
            if (kind == not) {
                continue;
            }
            switch (kind) {
                case TRANSPOSED_LETTERS -> {
                    boolean family = random.nextBoolean();
                    String changed = Typos.transpose(family ? d.familyName : d.givenName, random);
                    if (changed != null) {
                        if (family) {
                            d.familyName = changed;
                        } else {
                            d.givenName = changed;
                        }
                        return kind;
                    }
                }
                case NICKNAME -> {
                    String nickname = Nicknames.of(d.givenName, random);
                    if (nickname != null) {
                        d.givenName = nickname;
                        return kind;
                    }
                }
                case DAY_MONTH_SWAPPED -> {
                    // Only for people a year old or more: their swapped date stays in a past year, whatever today is.
                    LocalDate dob = d.birthDate;
                    if (d.age >= 1 && dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
                        d.birthDate = LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
                        return kind;
                    }
                }
                case SSN_DIGIT_TYPO -> {
                    if (d.ssn != null && d.original.ssn != null && d.ssn.equals(d.original.ssn)) {
                        d.ssn = Typos.digitTypo(d.ssn, random);
                        return kind;
                    }
                }
                case SSN_MISSING -> {
                    if (d.ssn != null && d.ssn.equals(d.original.ssn)) {
                        d.ssn = null;
                        return kind;
                    }
                }
                case ADDRESS_CHANGED -> {
                    d.address = address(homeState);
                    d.phone = phone();
                    return kind;
                }
            }
        }
        // Always possible, so a duplicate never comes out identical to its original.
        d.address = address(homeState);
        d.phone = phone();
        return Discrepancy.ADDRESS_CHANGED;
    }

    // ---------------------------------------------------------------- visits

    private List<DemoHospital.Visit> visits(Person p) {
        int count = 1;
        int trials = p.original == null ? 8 : 1;
        for (int t = 0; t < trials; t++) {
            if (visitRandom.nextInt(100) < (p.original == null ? 30 : 40)) {
                count++;
            }
        }
        // A day's margin: a visit keeps its sampled date but gets its own time of day.
        Instant windowStart = now.minus(Duration.ofDays(HISTORY_DAYS - 1));
        Instant born = p.birthDate.plusDays(1).atStartOfDay(ZONE).toInstant();
        Instant earliest = born.isAfter(windowStart) ? born : windowStart;
        long span = Duration.between(earliest, now.minus(Duration.ofHours(2))).toMinutes();
        if (span <= 0) {
            return List.of();
        }
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            starts.add(earliest.plus(Duration.ofMinutes((long) (visitRandom.nextDouble() * span))));
        }
        starts.sort(null);

        List<DemoHospital.Visit> result = new ArrayList<>();
        Instant free = earliest;
        for (int i = 0; i < count; i++) {
            Instant start = starts.get(i);
            if (start.isBefore(free)) {
                start = free.plus(Duration.ofDays(1 + visitRandom.nextInt(20)));
            }
            if (start.isAfter(now.minus(Duration.ofHours(2)))) {
                break;
            }
            boolean last = i == count - 1;
            DemoHospital.Visit visit = visit(p, start, last);
            result.add(visit);
            NewEncounter e = visit.encounter();
            if (e.dischargeAt() == null || e.dischargeDisposition() == DischargeDisposition.EXPIRED
                    || e.dischargeDisposition() == DischargeDisposition.HOSPICE_HOME) {
                break;
            }
            free = e.dischargeAt();
        }
        return result;
    }

    private DemoHospital.Visit visit(Person p, Instant roughStart, boolean last) {
        LocalDate day = LocalDate.ofInstant(roughStart, ZONE);
        int age = age(p.birthDate, day);
        int r = visitRandom.nextInt(100);
        Setting setting = r < 27 ? Setting.INPATIENT : r < 80 ? Setting.OUTPATIENT : Setting.EMERGENCY;
        Condition c = condition(setting, p, age);
        return switch (setting) {
            case INPATIENT -> inpatient(p, c, day, age, last);
            case OUTPATIENT -> outpatient(p, c, day, age);
            case EMERGENCY -> emergency(p, c, roughStart, age);
        };
    }

    private Condition condition(Setting setting, Person p, int age) {
        List<Condition> eligible = new ArrayList<>();
        for (Condition c : Catalog.CONDITIONS) {
            if (c.setting() == setting && fits(c.who(), p.sex, age)) {
                eligible.add(c);
            }
        }
        return eligible.get(visitRandom.nextInt(eligible.size()));
    }

    private static boolean fits(Who who, AdministrativeSex sex, int age) {
        return switch (who) {
            case ANY -> true;
            case ADULT -> age >= 18;
            case CHILD -> age < 18;
            case PREGNANT -> sex == AdministrativeSex.F && age >= 16 && age <= 44;
        };
    }

    private DemoHospital.Visit inpatient(Person p, Condition c, LocalDate day, int age, boolean last) {
        boolean elective = c.complaint().contains("elective");
        Instant admit = at(day, elective ? LocalTime.of(6, visitRandom.nextInt(60)) : LocalTime.of(visitRandom.nextInt(24), visitRandom.nextInt(60)));
        if (admit.isAfter(now.minus(Duration.ofHours(1)))) {
            admit = now.minus(minutes(60, 600));
            day = LocalDate.ofInstant(admit, ZONE);
        }
        int los = lengthOfStay(c.service());
        Instant discharge = at(day.plusDays(los), LocalTime.of(10 + visitRandom.nextInt(6), visitRandom.nextInt(60)));
        boolean inHouse = !discharge.isBefore(now);
        DischargeDisposition disposition = inHouse ? null : disposition(c, age, last);
        String attending = physician(c.service());
        NewEncounter encounter = new NewEncounter(0, null, EncounterClass.INPATIENT, admit, inHouse ? null : discharge,
                attending, c.service().label, disposition);

        NoteWriter.Context ctx = new NoteWriter.Context(p, c, age, admit, inHouse ? null : discharge, attending,
                disposition);
        List<NewDocument> docs = new ArrayList<>();
        Instant historyAt = admit.plus(minutes(60, 360));
        Instant surgery = null;
        if (c.procedure() != null) {
            surgery = elective ? admit.plus(minutes(90, 180)) : admit.plus(minutes(240, 1200));
            if (!inHouse && surgery.isAfter(discharge.minus(Duration.ofHours(6)))) {
                // A short stay: the operation happened early in it.
                surgery = admit.plus(Duration.between(admit, discharge).dividedBy(4));
            }
            // The H&P is on the chart before surgery (42 CFR 482.51(b)(1)): written in the first part of the wait.
            historyAt = admit.plus(Duration.between(admit, surgery).multipliedBy(1 + visitRandom.nextInt(4)).dividedBy(8));
        }
        docs.add(document(DocumentType.HISTORY_AND_PHYSICAL, null, attending, historyAt, notes.historyAndPhysical(ctx)));
        if (surgery != null) {
            // The consent form, signed in the pre-operative area after the H&P (42 CFR 482.51(b)(2)).
            Instant consentAt = historyAt.plus(Duration.between(historyAt, surgery).dividedBy(2));
            docs.add(consent(attending, consentAt, notes.procedureConsent(ctx, surgery)));
            docs.add(document(DocumentType.OPERATIVE_REPORT, null, attending, surgery.plus(minutes(60, 180)),
                    notes.operativeReport(ctx, surgery)));
        }
        if (c.consult() != null ? visitRandom.nextInt(100) < 45 : visitRandom.nextInt(100) < 8) {
            Service consultService = c.consult() != null ? c.consult()
                    : c.service() == Service.PSYCHIATRY ? Service.MEDICINE : Service.PSYCHIATRY;
            String consultant = physician(consultService);
            docs.add(document(DocumentType.CONSULT_NOTE, consultService.label + " consultation", consultant,
                    admit.plus(minutes(300, 1800)), notes.consult(ctx, consultService, consultant)));
        }
        int days = inHouse ? (int) ChronoUnit.DAYS.between(day, LocalDate.ofInstant(now, ZONE)) : los - 1;
        for (int d = 1; d <= Math.min(days, 6); d++) {
            // A partner covers some days.
            String author = visitRandom.nextInt(5) == 0 ? physician(c.service()) : attending;
            docs.add(document(DocumentType.PROGRESS_NOTE, null, author, at(day.plusDays(d), LocalTime.of(7 + visitRandom.nextInt(5), visitRandom.nextInt(60))),
                    notes.progressNote(ctx, author, d, Math.max(los, d + 1))));
        }
        if (!inHouse) {
            docs.add(document(DocumentType.DISCHARGE_SUMMARY, null, attending, discharge.plus(minutes(0, 2880)),
                    notes.dischargeSummary(ctx, docs.stream().anyMatch(x -> x.type() == DocumentType.OPERATIVE_REPORT))));
        }
        return new DemoHospital.Visit(p.index, encounter, withoutFuture(docs), c.diagnosis(), history(p));
    }

    private static List<String> history(Person p) {
        return p.chronic == null ? List.of() : p.chronic.stream().map(Catalog.Chronic::name).toList();
    }

    private DemoHospital.Visit outpatient(Person p, Condition c, LocalDate day, int age) {
        // Clinics keep office hours: a weekend date moves to Monday, or to Friday when Monday has not come yet.
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            LocalDate monday = day.plusDays(day.getDayOfWeek() == DayOfWeek.SATURDAY ? 2 : 1);
            day = monday.isAfter(today) ? monday.minusDays(3) : monday;
        }
        Instant start = at(day, LocalTime.of(8 + visitRandom.nextInt(8), 15 * visitRandom.nextInt(4)));
        Instant end = start.plus(minutes(c.procedure() != null ? 60 : 20, c.procedure() != null ? 150 : 60));
        if (end.isAfter(now)) {
            start = now.minus(Duration.ofHours(3));
            end = start.plus(Duration.ofMinutes(40));
        }
        String attending = physician(c.service());
        NewEncounter encounter = new NewEncounter(0, null, EncounterClass.OUTPATIENT, start, end, attending,
                c.service().label, DischargeDisposition.HOME);
        NoteWriter.Context ctx = new NoteWriter.Context(p, c, age, start, end, attending, DischargeDisposition.HOME);
        List<NewDocument> docs = new ArrayList<>();
        boolean specialist = c.service() != Service.MEDICINE && c.service() != Service.PEDIATRICS
                && c.service() != Service.OBSTETRICS;
        if (specialist && visitRandom.nextInt(100) < 35) {
            docs.add(document(DocumentType.CONSULT_NOTE, c.service().label + " consultation", attending,
                    end.plus(minutes(10, 600)), notes.clinicConsult(ctx)));
        } else {
            docs.add(document(DocumentType.PROGRESS_NOTE, c.service().label + " clinic note", attending,
                    end.plus(minutes(10, 600)), notes.clinicNote(ctx)));
        }
        if (c.procedure() != null) {
            // Ambulatory surgery: the H&P and the signed consent on the chart at check-in, before the operation.
            Instant surgery = start.plus(Duration.ofMinutes(20));
            docs.add(document(DocumentType.HISTORY_AND_PHYSICAL, "Pre-procedure history and physical", attending,
                    start.plus(Duration.ofMinutes(2)), notes.historyAndPhysical(ctx)));
            docs.add(consent(attending, start.plus(Duration.ofMinutes(5)), notes.procedureConsent(ctx, surgery)));
            docs.add(document(DocumentType.OPERATIVE_REPORT, null, attending, end.plus(minutes(0, 120)),
                    notes.operativeReport(ctx, surgery)));
        }
        return new DemoHospital.Visit(p.index, encounter, withoutFuture(docs), c.diagnosis(), history(p));
    }

    private DemoHospital.Visit emergency(Person p, Condition c, Instant start, int age) {
        Instant end = start.plus(minutes(90, 420));
        if (end.isAfter(now)) {
            end = now.minus(Duration.ofMinutes(5));
        }
        int r = visitRandom.nextInt(100);
        DischargeDisposition disposition = r < 92 ? DischargeDisposition.HOME
                : r < 96 ? DischargeDisposition.LEFT_AMA : DischargeDisposition.SHORT_TERM_HOSPITAL;
        String attending = physician(Service.EMERGENCY);
        NewEncounter encounter = new NewEncounter(0, null, EncounterClass.EMERGENCY, start, end, attending,
                Service.EMERGENCY.label, disposition);
        NoteWriter.Context ctx = new NoteWriter.Context(p, c, age, start, end, attending, disposition);
        List<NewDocument> docs = new ArrayList<>();
        docs.add(document(DocumentType.PROGRESS_NOTE, "Emergency department note", attending,
                end.plus(minutes(5, 240)), notes.emergencyNote(ctx)));
        return new DemoHospital.Visit(p.index, encounter, withoutFuture(docs), c.diagnosis(), history(p));
    }

    private int lengthOfStay(Service s) {
        int los = switch (s) {
            case OBSTETRICS, PEDIATRICS -> 1 + visitRandom.nextInt(3);
            case ORTHOPEDICS -> 2 + visitRandom.nextInt(3);
            case SURGERY -> 1 + visitRandom.nextInt(6);
            case PSYCHIATRY -> 5 + visitRandom.nextInt(10);
            default -> 2 + visitRandom.nextInt(5);
        };
        // The long tail every hospital has: complications, placement delays.
        return visitRandom.nextInt(100) < 8 ? los + 3 + visitRandom.nextInt(8) : los;
    }

    private DischargeDisposition disposition(Condition c, int age, boolean last) {
        int r = visitRandom.nextInt(1000);
        if (last && age >= 70 && r < 30) {
            return r < 15 ? DischargeDisposition.EXPIRED : DischargeDisposition.HOSPICE_HOME;
        }
        r = visitRandom.nextInt(100);
        if (c.service() == Service.PSYCHIATRY || c.service() == Service.OBSTETRICS || c.service() == Service.PEDIATRICS) {
            return r < 97 ? DischargeDisposition.HOME : DischargeDisposition.LEFT_AMA;
        }
        if (age >= 65) {
            boolean orthopedic = c.service() == Service.ORTHOPEDICS;
            if (r < (orthopedic ? 30 : 12)) {
                return DischargeDisposition.SKILLED_NURSING;
            }
            if (r < (orthopedic ? 42 : 17)) {
                return DischargeDisposition.REHAB_FACILITY;
            }
            if (r < (orthopedic ? 55 : 32)) {
                return DischargeDisposition.HOME_HEALTH;
            }
            if (r < (orthopedic ? 57 : 34)) {
                return DischargeDisposition.CUSTODIAL_CARE;
            }
        }
        return r >= 98 ? DischargeDisposition.LEFT_AMA : r >= 96 ? DischargeDisposition.SHORT_TERM_HOSPITAL
                : DischargeDisposition.HOME;
    }

    // ---------------------------------------------------------------- documents

    /**
     * A document with a realistic authentication status: most signed by their author within hours
     * or days. Of this month's notes about one in eight still awaits signature and one in a hundred
     * is a draft (record completion's current work); of older notes, fewer than one in a hundred is
     * still unsigned — a department's delinquent records are a few dozen, not every old chart (the
     * demo's delinquency rate lands near the 50% alert level, as a working department's does). One
     * whose signature would fall after now is simply not signed yet.
     */
    private NewDocument document(DocumentType type, String title, String author, Instant createdAt, String text) {
        int r = visitRandom.nextInt(1000);
        boolean recent = createdAt.isAfter(now.minus(RECENT));
        DocumentStatus status = r < (recent ? 10 : 1) ? DocumentStatus.DRAFT
                : r < (recent ? 130 : 6) ? DocumentStatus.UNSIGNED : DocumentStatus.SIGNED;
        // The wait is drawn for every note, so that the share left unsigned does not shift the rest of the hospital.
        int delay = visitRandom.nextInt(100);
        Duration wait = delay < 70 ? minutes(20, 720) : delay < 95 ? minutes(720, 4320) : minutes(4320, 28800);
        Instant signedAt = null;
        if (status == DocumentStatus.SIGNED) {
            signedAt = createdAt.plus(wait);
            if (signedAt.isAfter(now)) {
                status = DocumentStatus.UNSIGNED;
                signedAt = null;
            }
        }
        return new NewDocument(0, null, type, title, author, text, status, createdAt,
                signedAt == null ? null : author, signedAt);
    }

    /** A consent form is signed on paper when it is given and scanned at once: filed signed by the physician who obtained it. */
    private static NewDocument consent(String attending, Instant at, String text) {
        return new NewDocument(0, null, DocumentType.PROCEDURE_CONSENT, null, attending, text, DocumentStatus.SIGNED, at,
                attending, at.plusSeconds(60));
    }

    /** Notes are written after the fact; one that would be written after now is not written yet. */
    private List<NewDocument> withoutFuture(List<NewDocument> docs) {
        List<NewDocument> kept = new ArrayList<>(docs.size());
        for (NewDocument d : docs) {
            if (!d.createdAt().isAfter(now)) {
                kept.add(d);
            }
        }
        return List.copyOf(kept);
    }

    private Duration minutes(int min, int max) {
        return Duration.ofMinutes(min + visitRandom.nextInt(Math.max(1, max - min)));
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(ZONE).toInstant();
    }
}
