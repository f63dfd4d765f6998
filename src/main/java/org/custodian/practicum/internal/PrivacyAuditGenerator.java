package org.custodian.practicum.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;

/**
 * A week of a synthetic hospital's access log for a privacy audit (HIPAA 45 CFR
 * 164.308(a)(1)(ii)(D), information system activity review): routine accesses by the care team,
 * coders and registration, with planted inappropriate ones — a look at a relative's or a
 * co-worker's chart, browsing a VIP's record, a night-time look at a patient one has no part in.
 */
final class PrivacyAuditGenerator {

    static final String FAMILY_SNOOPING = "FAMILY_SNOOPING";
    static final String COWORKER_LOOKUP = "COWORKER_LOOKUP";
    static final String VIP_BROWSING = "VIP_BROWSING";
    static final String NO_RELATIONSHIP_AFTER_HOURS = "NO_RELATIONSHIP_AFTER_HOURS";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MM/dd HH:mm", Locale.US);
    private static final List<String> UNITS = List.of("Cardiology", "Oncology", "Emergency", "Orthopedics", "Medicine");

    private PrivacyAuditGenerator() {
    }

    record Staff(String username, String name, String family, String role, String unit) {
    }

    record Patient(String mrn, String name, String family, String unit, String attending, boolean vip, boolean employee,
                   boolean discharged) {
    }

    private record Event(LocalDateTime at, Staff who, Patient patient, String action, String purpose, String planted,
                         String rule) {
    }

    static GeneratedExercise generate(ExerciseDefinition definition, long variant) {
        Random random = new Random(definition.seed() * 31 + variant);
        Faker faker = new Faker(Locale.US, random);
        List<Staff> staff = new ArrayList<>();
        for (String unit : UNITS) {
            staff.add(person(faker, "RN", unit, staff.size()));
            staff.add(person(faker, "MD", unit, staff.size()));
        }
        staff.add(person(faker, "Coder", "HIM", staff.size()));
        staff.add(person(faker, "Coder", "HIM", staff.size()));
        staff.add(person(faker, "Registrar", "Patient Access", staff.size()));
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String family = faker.name().lastName();
            String unit = UNITS.get(random.nextInt(UNITS.size()));
            Staff attending = staff.stream().filter(s -> s.unit().equals(unit) && s.role().equals("MD")).findFirst().orElseThrow();
            patients.add(new Patient("T" + (700100 + i * 7), family + ", " + faker.name().firstName(), family, unit,
                    attending.name(), false, false, random.nextInt(3) == 0));
        }
        LocalDate monday = LocalDate.of(2026, 3, 2);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < definition.size(); i++) {
            Patient p = patients.get(random.nextInt(patients.size()));
            Staff s;
            String action;
            String purpose;
            LocalDateTime at;
            switch (random.nextInt(10)) {
                case 0, 1 -> {
                    s = pick(staff, "Coder", null, random);
                    p = discharged(patients, random);
                    action = "Read chart for coding";
                    purpose = "Payment";
                    at = weekday(monday, random, 8, 17);
                }
                case 2 -> {
                    s = pick(staff, "Registrar", null, random);
                    action = "Registration: demographics";
                    purpose = "Operations";
                    at = weekday(monday, random, 6, 20);
                }
                default -> {
                    s = pick(staff, random.nextBoolean() ? "RN" : "MD", p.unit(), random);
                    action = random.nextBoolean() ? "Read progress notes" : "Read results";
                    purpose = "Treatment";
                    at = monday.plusDays(random.nextInt(7)).atTime(random.nextInt(24), random.nextInt(60));
                }
            }
            events.add(new Event(at, s, p, action, purpose, null, null));
        }
        for (Map.Entry<String, Integer> planted : definition.planted().entrySet()) {
            for (int n = 0; n < planted.getValue(); n++) {
                events.add(plant(planted.getKey(), staff, patients, monday, random, faker));
            }
        }
        events.sort(Comparator.comparing(Event::at));
        List<WorkItem> items = new ArrayList<>();
        List<KeyEntry> key = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String id = "E" + (i + 1);
            Map<String, String> row = new LinkedHashMap<>();
            row.put("When", e.at().format(WHEN));
            row.put("User", e.who().name() + " (" + e.who().username() + ")");
            row.put("Role, unit", e.who().role() + ", " + e.who().unit());
            row.put("Patient", e.patient().name() + " · " + e.patient().mrn()
                    + (e.patient().vip() ? " · VIP" : "") + (e.patient().employee() ? " · employee" : ""));
            row.put("Patient's unit, attending", e.patient().unit() + ", " + e.patient().attending()
                    + (e.patient().discharged() ? " · discharged" : " · in house"));
            row.put("Action", e.action());
            row.put("Purpose given", e.purpose());
            items.add(new WorkItem(id, row, null));
            key.add(e.planted() == null
                    ? new KeyEntry(id, "OK", "ROUTINE", "a routine access: " + routineRule(e))
                    : new KeyEntry(id, "FLAG", e.planted(), e.rule()));
        }
        return new GeneratedExercise(items, key);
    }

    private static String routineRule(Event e) {
        return switch (e.purpose()) {
            case "Payment" -> "a coder reading a discharged patient's chart during working hours is coding it (payment, 164.506).";
            case "Operations" -> "registration staff read demographics to register patients (operations, 164.506).";
            default -> "a nurse or physician of the patient's own unit reading the chart is treatment (164.506), at any hour.";
        };
    }

    private static Event plant(String kind, List<Staff> staff, List<Patient> patients, LocalDate monday, Random random, Faker faker) {
        Staff who = staff.get(random.nextInt(staff.size()));
        Patient target;
        String rule;
        switch (kind) {
            case FAMILY_SNOOPING -> {
                String unit = UNITS.stream().filter(u -> !u.equals(who.unit())).findFirst().orElseThrow();
                target = new Patient("T" + (780000 + random.nextInt(9000)), who.family() + ", " + faker.name().firstName(),
                        who.family(), unit, "Dr. " + faker.name().lastName(), false, false, false);
                rule = "the user shares the patient's surname and has no part in their care: looking at a relative's "
                        + "chart is not treatment, payment or operations (164.502(a)); family members use the right of access.";
            }
            case COWORKER_LOOKUP -> {
                Staff colleague = staff.stream().filter(s -> s != who).toList().get(random.nextInt(staff.size() - 1));
                String unit = UNITS.stream().filter(u -> !u.equals(who.unit())).findFirst().orElseThrow();
                target = new Patient("T" + (790000 + random.nextInt(9000)), colleague.name().split(" ", 2)[1] + ", "
                        + colleague.name().split(" ", 2)[0], colleague.family(), unit, "Dr. " + faker.name().lastName(), false, true, false);
                rule = "a co-worker's chart read by someone outside their care team: employees as patients have the same "
                        + "privacy (164.502(a)); curiosity is not a purpose.";
            }
            case VIP_BROWSING -> {
                String unit = UNITS.stream().filter(u -> !u.equals(who.unit())).findFirst().orElseThrow();
                target = new Patient("T" + (795000 + random.nextInt(4000)), faker.name().lastName() + ", " + faker.name().firstName(),
                        "", unit, "Dr. " + faker.name().lastName(), true, false, false);
                rule = "a VIP's chart read by staff of another unit with no order, consult or task for the patient: "
                        + "minimum necessary (164.502(b), 164.514(d)) allows no browsing.";
            }
            case NO_RELATIONSHIP_AFTER_HOURS -> {
                Staff coder = pick(staff, "Coder", null, random);
                Patient p = patients.stream().filter(x -> !x.discharged()).findFirst().orElse(patients.get(0));
                LocalDateTime at = monday.plusDays(5 + random.nextInt(2)).atTime(1 + random.nextInt(3), random.nextInt(60));
                return new Event(at, coder, p, "Read progress notes", "Payment", kind,
                        "a coder reading an in-house (not discharged) patient's notes at night on a weekend: not on any "
                                + "coding worklist, so the stated purpose does not hold (164.502(b)).");
            }
            default -> throw new IllegalArgumentException("planted: '" + kind + "' is not a privacy audit finding ("
                    + FAMILY_SNOOPING + ", " + COWORKER_LOOKUP + ", " + VIP_BROWSING + ", " + NO_RELATIONSHIP_AFTER_HOURS + ")");
        }
        return new Event(weekday(monday, random, 8, 18), who, target, random.nextBoolean() ? "Read results" : "Read progress notes",
                "Treatment", kind, rule);
    }

    private static Staff person(Faker faker, String role, String unit, int n) {
        String given = faker.name().firstName();
        String family = faker.name().lastName();
        return new Staff((given.charAt(0) + family).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + n,
                given + " " + family, family, role, unit);
    }

    private static Staff pick(List<Staff> staff, String role, String unit, Random random) {
        List<Staff> fit = staff.stream().filter(s -> s.role().equals(role) && (unit == null || s.unit().equals(unit))).toList();
        return fit.get(random.nextInt(fit.size()));
    }

    private static Patient discharged(List<Patient> patients, Random random) {
        List<Patient> fit = patients.stream().filter(Patient::discharged).toList();
        return fit.isEmpty() ? patients.get(0) : fit.get(random.nextInt(fit.size()));
    }

    private static LocalDateTime weekday(LocalDate monday, Random random, int fromHour, int toHour) {
        LocalDate day = monday.plusDays(random.nextInt(5));
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = monday;
        }
        return day.atTime(fromHour + random.nextInt(toHour - fromHour), random.nextInt(60));
    }
}
