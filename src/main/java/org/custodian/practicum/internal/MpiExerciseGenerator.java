package org.custodian.practicum.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.custodian.demo.DemoHospital;
import org.custodian.demo.DuplicateRegistration;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;

/**
 * A duplicate worklist for a student: synthetic persons from the demo hospital's generator, with
 * planted duplicate registrations (the clerk's typical slips) and planted look-alikes that are two
 * people — relatives at one address, a junior and a senior, twins. Merging a look-alike is an
 * overlay, the most dangerous MPI error (AHIMA, "Fundamentals for Building a Master Patient Index").
 */
final class MpiExerciseGenerator {

    static final String DUPLICATE = "DUPLICATE";
    static final String RELATIVE = "RELATIVE";
    static final String JUNIOR_SENIOR = "JUNIOR_SENIOR";
    static final String TWIN = "TWIN";
    /** Look-alikes whose merge is an overlay; graded twice as hard. */
    static final Set<String> OVERLAY_TRAPS = Set.of(RELATIVE, JUNIOR_SENIOR, TWIN);

    private static final Map<String, String> NICKNAMES = Map.ofEntries(Map.entry("William", "Bill"),
            Map.entry("Robert", "Bob"), Map.entry("Elizabeth", "Liz"), Map.entry("Margaret", "Peggy"),
            Map.entry("James", "Jim"), Map.entry("Richard", "Dick"), Map.entry("Katherine", "Kate"),
            Map.entry("Joseph", "Joe"), Map.entry("Michael", "Mike"), Map.entry("Jennifer", "Jen"),
            Map.entry("Thomas", "Tom"), Map.entry("Christopher", "Chris"), Map.entry("Patricia", "Pat"),
            Map.entry("Daniel", "Dan"), Map.entry("Anthony", "Tony"), Map.entry("Susan", "Sue"));
    private static final List<String> OTHER_GIVEN = List.of("Aaron", "Bianca", "Carlos", "Dolores", "Evan", "Fatima",
            "Grant", "Hazel", "Ivan", "Julia", "Kevin", "Lena", "Marcus", "Nora", "Oscar", "Paula");
    private static final DateTimeFormatter DOB = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private MpiExerciseGenerator() {
    }

    static GeneratedExercise generate(ExerciseDefinition definition, long variant) {
        Clock fixed = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);
        DemoHospital hospital = DemoHospital.generate(definition.seed(), definition.size(), "TRAINING", fixed);
        Set<Integer> demoDuplicates = new HashSet<>();
        hospital.duplicates().forEach(d -> demoDuplicates.add(d.registration()));
        List<NewPatient> persons = new ArrayList<>();
        for (int i = 0; i < hospital.registrations().size(); i++) {
            if (!demoDuplicates.contains(i)) {
                persons.add(hospital.registrations().get(i));
            }
        }
        Random random = new Random(definition.seed() * 31 + variant);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < persons.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int next = 0;
        int mrn = 900001 + random.nextInt(1000) * 100;
        List<Planted> pairs = new ArrayList<>();
        for (DuplicateRegistration d : hospital.duplicates()) {
            pairs.add(new Planted(hospital.registrations().get(d.original()), hospital.registrations().get(d.registration()),
                    DUPLICATE, "the same person registered again (" + d.discrepancies().toString().toLowerCase().replace('_', ' ')
                    + "): " + SAME_RULE));
        }
        for (Map.Entry<String, Integer> planted : definition.planted().entrySet()) {
            for (int n = 0; n < planted.getValue() && next < order.size(); n++) {
                NewPatient p = persons.get(order.get(next++));
                pairs.add(switch (planted.getKey()) {
                    case DUPLICATE -> duplicate(p, random);
                    case RELATIVE -> relative(p, random);
                    case JUNIOR_SENIOR -> juniorSenior(p, random);
                    case TWIN -> twin(p, random);
                    default -> throw new IllegalArgumentException("planted: '" + planted.getKey()
                            + "' is not an MPI error (DUPLICATE, RELATIVE, JUNIOR_SENIOR, TWIN)");
                });
            }
        }
        Collections.shuffle(pairs, random);
        List<WorkItem> items = new ArrayList<>();
        List<KeyEntry> key = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Planted pair = pairs.get(i);
            String id = "P" + (i + 1);
            items.add(new WorkItem(id, show(pair.left(), "T" + (mrn++)), show(pair.right(), "T" + (mrn++))));
            key.add(new KeyEntry(id, pair.kind().equals(DUPLICATE) ? "MERGE" : "NOT_SAME", pair.kind(), pair.rule()));
        }
        return new GeneratedExercise(items, key);
    }

    private record Planted(NewPatient left, NewPatient right, String kind, String rule) {
    }

    private static final String SAME_RULE = "identifiers that agree (SSN, birth date, address or phone) outweigh a "
            + "typing slip, a nickname or a move; leaving a duplicate splits the person's history across two charts.";

    private static Planted duplicate(NewPatient p, Random random) {
        List<String> slips = new ArrayList<>();
        String given = p.givenName();
        String family = p.familyName();
        LocalDate dob = p.birthDate();
        String ssn = p.ssn();
        Address address = p.address();
        String phone = p.phone();
        if (NICKNAMES.containsKey(given) && random.nextBoolean()) {
            given = NICKNAMES.get(given);
            slips.add("nickname");
        } else {
            family = transpose(family, random);
            slips.add("transposed letters");
        }
        switch (random.nextInt(4)) {
            case 0 -> {
                if (dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()) {
                    dob = LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue());
                    slips.add("day and month swapped");
                } else {
                    ssn = null;
                    slips.add("no SSN given");
                }
            }
            case 1 -> {
                if (ssn != null) {
                    char[] digits = ssn.toCharArray();
                    int at = digits.length - 1 - random.nextInt(3);
                    digits[at] = (char) ('0' + (digits[at] - '0' + 1 + random.nextInt(8)) % 10);
                    ssn = new String(digits);
                    slips.add("one SSN digit mistyped");
                }
            }
            case 2 -> {
                address = new Address((100 + random.nextInt(800)) + " Lakeview Drive", address == null ? null : address.city(),
                        address == null ? null : address.state(), address == null ? null : address.postalCode());
                phone = null;
                slips.add("moved: new address, no phone");
            }
            default -> {
            }
        }
        NewPatient copy = new NewPatient(null, null, given, p.middleName(), family, dob, p.sex(), ssn, address, phone, List.of());
        return new Planted(p, copy, DUPLICATE, "the same person registered again (" + String.join(", ", slips) + "): " + SAME_RULE);
    }

    private static Planted relative(NewPatient p, Random random) {
        String given = otherGiven(p.givenName(), random);
        NewPatient other = new NewPatient(null, null, given, null, p.familyName(), p.birthDate().minusYears(22 + random.nextInt(8))
                .minusDays(random.nextInt(300)), random.nextBoolean() ? AdministrativeSex.F : AdministrativeSex.M,
                otherSsn(p.ssn(), random), p.address(), p.phone(), List.of());
        return new Planted(p, other, RELATIVE, "two people of one household: same surname, address and phone, but a "
                + "different given name, birth date and SSN. Merging them would be an overlay.");
    }

    private static Planted juniorSenior(NewPatient p, Random random) {
        NewPatient senior = new NewPatient(null, null, p.givenName(), p.middleName(), p.familyName(),
                p.birthDate().minusYears(25 + random.nextInt(10)).plusDays(random.nextInt(200)), p.sex(),
                otherSsn(p.ssn(), random), p.address(), p.phone(), List.of());
        return new Planted(p, senior, JUNIOR_SENIOR, "a junior and a senior: the same name at the same address, but "
                + "birth dates decades apart and different SSNs are two people. Merging them would be an overlay.");
    }

    private static Planted twin(NewPatient p, Random random) {
        AdministrativeSex sex = random.nextBoolean() ? p.sex() : (p.sex() == AdministrativeSex.F ? AdministrativeSex.M : AdministrativeSex.F);
        NewPatient twin = new NewPatient(null, null, otherGiven(p.givenName(), random), null, p.familyName(), p.birthDate(),
                sex, otherSsn(p.ssn(), random), p.address(), p.phone(), List.of());
        return new Planted(p, twin, TWIN, "twins: the same surname, birth date and address, but a different given name and "
                + "SSN. Twins are the classic overlay; never merge on surname and birth date alone.");
    }

    private static String otherGiven(String given, Random random) {
        String other;
        do {
            other = OTHER_GIVEN.get(random.nextInt(OTHER_GIVEN.size()));
        } while (other.equals(given));
        return other;
    }

    private static String otherSsn(String ssn, Random random) {
        String digits = String.format("%09d", 100_000_000 + random.nextInt(699_999_999));
        String made = digits.substring(0, 3) + "-" + digits.substring(3, 5) + "-" + digits.substring(5);
        return made.equals(ssn) ? otherSsn(ssn, random) : made;
    }

    private static String transpose(String s, Random random) {
        if (s.length() < 3) {
            return s + s.charAt(s.length() - 1);
        }
        int at = 1 + random.nextInt(s.length() - 2);
        char[] c = s.toCharArray();
        char t = c[at];
        c[at] = c[at + 1];
        c[at + 1] = t;
        String out = new String(c);
        return out.equals(s) ? s.substring(0, s.length() - 1) : out;
    }

    private static Map<String, String> show(NewPatient p, String mrn) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MRN", mrn);
        m.put("Name", p.familyName() + ", " + p.givenName() + (p.middleName() == null ? "" : " " + p.middleName()));
        m.put("Birth date", p.birthDate().format(DOB));
        m.put("Sex", p.sex().name());
        // Synthetic people only: the whole SSN is shown so that a one-digit slip can be judged.
        m.put("SSN", p.ssn() == null ? "" : p.ssn());
        m.put("Address", p.address() == null ? "" : p.address().oneLine());
        m.put("Phone", p.phone() == null ? "" : p.phone());
        return m;
    }
}
