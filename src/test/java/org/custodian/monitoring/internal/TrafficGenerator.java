package org.custodian.monitoring.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.custodian.AccessReasons.AccessReason;

/**
 * Synthetic access traffic for privacy monitoring: a hospital's staff opening the charts of the patients
 * they care for or work on (explained), a little innocent unexplained traffic (a covering colleague, a
 * consult not yet on record), and planted snoopers: staff opening a relative's chart (same family name),
 * a household member's (same address), their own, or a co-worker's. Used by the precision/recall test
 * and the benchmark; the engine never sees which users were planted.
 */
final class TrafficGenerator {

    static final String[] SURNAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
            "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
            "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
            "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
            "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips",
            "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales",
            "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly",
            "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett",
            "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross",
            "Foster", "Jimenez", "Kowalski", "Okafor", "Lindqvist", "Haddad", "Tanaka", "Novak", "Dubois", "Rossi", "Schmidt",
            "Ivanova", "Moreau", "Fischer", "Yilmaz", "Costa", "Silva", "Murray", "Byrne", "Walsh", "Quinn", "Sullivan"};
    static final String[] ROLES = {"CLINICIAN", "CLINICIAN", "CLINICIAN", "CLINICIAN", "CLINICIAN", "CLINICIAN", "CODER",
            "ROI_SPECIALIST", "CDI_SPECIALIST", "DATA_INTEGRITY_ANALYST"};
    static final String[] DEPARTMENTS = {"Emergency", "Cardiology", "Oncology", "Pediatrics", "Surgery", "Radiology", "HIM"};

    final Map<Long, Engine.PatientFacts> patients = new HashMap<>();
    final Map<String, Engine.StaffFacts> staff = new HashMap<>();
    final Map<String, String> roles = new HashMap<>();
    final List<AccessReason> reasons = new ArrayList<>();
    final List<Engine.Access> accesses = new ArrayList<>();
    final Set<String> snoopers = new HashSet<>();

    private final Random random;
    private final ZoneId zone;
    private final Instant start;

    /**
     * {@code patientCount} patients, {@code staffCount} staff, {@code accessCount} accesses over {@code days}
     * days, {@code noise} the share of innocent unexplained accesses, {@code snooperCount} planted snoopers.
     */
    TrafficGenerator(long seed, ZoneId zone, int patientCount, int staffCount, int accessCount, int days, double noise,
                     int snooperCount) {
        this.random = new Random(seed);
        this.zone = zone;
        this.start = LocalDate.of(2026, 3, 2).atStartOfDay(zone).toInstant();
        List<String> streets = List.of("Elm St", "Oak Ave", "Maple Dr", "Pine Rd", "Cedar Ln", "Lake Blvd", "Hill St", "River Rd");
        for (long id = 1; id <= patientCount; id++) {
            String line = (1 + random.nextInt(9000)) + " " + streets.get(random.nextInt(streets.size()));
            String zip = String.valueOf(60600 + random.nextInt(80));
            Set<String> flags = random.nextInt(200) == 0 ? Set.of("VIP") : Set.of();
            Instant discharge = random.nextInt(3) == 0 ? start.plusSeconds(random.nextInt(days * 86400)) : null;
            patients.put(id, new Engine.PatientFacts(id, "M" + (1000000 + id), surname(), Engine.addressKey(line, zip), flags,
                    discharge, null));
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < staffCount; i++) {
            String user = "u" + i;
            String role = ROLES[random.nextInt(ROLES.length)];
            String department = role.equals("CLINICIAN") ? DEPARTMENTS[random.nextInt(DEPARTMENTS.length - 1)] : "HIM";
            String mrn = null;
            String family = surname();
            String address = Engine.addressKey((1 + random.nextInt(9000)) + " " + streets.get(random.nextInt(streets.size())),
                    String.valueOf(60600 + random.nextInt(80)));
            if (random.nextInt(10) == 0) { // one in ten employees is also a patient here
                long pid = 1 + random.nextInt(patientCount);
                Engine.PatientFacts p = patients.get(pid);
                mrn = p.mrn();
                family = p.familyName();
                address = p.addressKey();
            }
            staff.put(user, new Engine.StaffFacts(user, family, address, mrn, department));
            roles.put(user, role);
            users.add(user);
        }
        // care relationships and work items: each user has a panel of patients, each reason an interval
        Map<String, List<AccessReason>> panels = new HashMap<>();
        for (String user : users) {
            int panel = 20 + random.nextInt(40);
            for (int k = 0; k < panel; k++) {
                long pid = 1 + random.nextInt(patientCount);
                Instant from = start.plusSeconds(random.nextInt(days * 86400));
                Instant to = from.plusSeconds(3600L * (4 + random.nextInt(24 * 5)));
                AccessReason r = new AccessReason(user, pid, kind(roles.get(user)), "item " + k, from, to);
                reasons.add(r);
                panels.computeIfAbsent(user, x -> new ArrayList<>()).add(r);
            }
        }
        // plant snoopers among ordinary users, one kind each in turn
        List<String> shuffled = new ArrayList<>(users);
        java.util.Collections.shuffle(shuffled, random);
        List<Object[]> planted = new ArrayList<>();
        for (String user : shuffled) {
            if (planted.size() >= snooperCount) {
                break;
            }
            Engine.StaffFacts s = staff.get(user);
            int kind = planted.size() % 4;
            Long target = switch (kind) {
                case 0 -> findPatient(p -> p.familyName().equals(s.familyName()) && !p.mrn().equals(s.patientMrn()));
                case 1 -> {
                    // a household member: give the snooper the address of a patient
                    Long pid = findPatient(p -> p.addressKey() != null && !p.mrn().equals(s.patientMrn()));
                    if (pid != null) {
                        staff.put(user, new Engine.StaffFacts(user, s.familyName(), patients.get(pid).addressKey(), s.patientMrn(),
                                s.department()));
                    }
                    yield pid;
                }
                case 2 -> s.patientMrn() == null ? null : patientByMrn(s.patientMrn());
                default -> {
                    String coworker = users.stream().filter(u -> !u.equals(user) && staff.get(u).patientMrn() != null
                            && staff.get(u).department().equals(s.department())).findFirst().orElse(null);
                    yield coworker == null ? null : patientByMrn(staff.get(coworker).patientMrn());
                }
            };
            if (target != null) {
                planted.add(new Object[] {user, target});
                snoopers.add(user);
            }
        }
        // ordinary traffic: explained accesses inside reasons, plus innocent unexplained noise
        for (int n = 0; n < accessCount; n++) {
            String user = users.get(random.nextInt(users.size()));
            List<AccessReason> panel = panels.get(user);
            if (random.nextDouble() < noise) {
                long pid = 1 + random.nextInt(patientCount);
                accesses.add(access(user, pid, workingHours(start.plusSeconds(random.nextInt(days * 86400)))));
            } else {
                AccessReason r = panel.get(random.nextInt(panel.size()));
                long span = Math.max(1, r.end().getEpochSecond() - r.start().getEpochSecond());
                accesses.add(access(user, r.patientId(), r.start().plusSeconds((long) (random.nextDouble() * span))));
            }
        }
        for (Object[] p : planted) {
            int times = 1 + random.nextInt(3);
            Instant at = start.plusSeconds(random.nextInt(days * 86400));
            for (int t = 0; t < times; t++) {
                accesses.add(access((String) p[0], (Long) p[1], at.plusSeconds(60L * t)));
            }
        }
        accesses.sort(java.util.Comparator.comparing(Engine.Access::at));
        List<Engine.Access> numbered = new ArrayList<>(accesses.size());
        long seq = 0;
        for (Engine.Access a : accesses) {
            numbered.add(new Engine.Access(++seq, a.at(), a.user(), a.roles(), a.patientId(), a.resourceType(), false));
        }
        accesses.clear();
        accesses.addAll(numbered);
    }

    private Engine.Access access(String user, long pid, Instant at) {
        return new Engine.Access(0, at, user, roles.get(user), pid, "Chart", false);
    }

    /** Most innocent traffic is by day: moves a time into 08:00–18:00 local on the same date, weekdays kept as they fall. */
    private Instant workingHours(Instant at) {
        var local = at.atZone(zone);
        return local.withHour(8 + random.nextInt(10)).toInstant();
    }

    private Long findPatient(java.util.function.Predicate<Engine.PatientFacts> p) {
        List<Long> ids = new ArrayList<>(patients.keySet());
        java.util.Collections.shuffle(ids, random);
        return ids.stream().filter(id -> p.test(patients.get(id))).findFirst().orElse(null);
    }

    private Long patientByMrn(String mrn) {
        return patients.values().stream().filter(p -> p.mrn().equals(mrn)).map(Engine.PatientFacts::id).findFirst().orElse(null);
    }

    private static final String[] SYLLABLES = {"ka", "ro", "mi", "len", "dor", "va", "shi", "tan", "bel", "quo", "ne", "ster",
            "gar", "li", "po", "win", "ha", "zu", "mer", "ton"};

    /**
     * Roughly the US shape: one name in ten from the common list (Zipf, so Smith is about 2 % of people), the
     * rest from a long tail of thousands of rarer names.
     */
    private String surname() {
        if (random.nextInt(10) == 0) {
            double u = random.nextDouble();
            int i = (int) Math.floor(Math.pow(SURNAMES.length, u)) - 1;
            return SURNAMES[Math.min(SURNAMES.length - 1, Math.max(0, i))];
        }
        String a = SYLLABLES[random.nextInt(SYLLABLES.length)];
        String b = SYLLABLES[random.nextInt(SYLLABLES.length)];
        String c = random.nextBoolean() ? SYLLABLES[random.nextInt(SYLLABLES.length)] : "";
        return Character.toUpperCase(a.charAt(0)) + a.substring(1) + b + c;
    }

    private static String kind(String role) {
        return switch (role) {
            case "CODER" -> "coding";
            case "ROI_SPECIALIST" -> "release of information";
            case "CDI_SPECIALIST" -> "clinical documentation integrity";
            case "DATA_INTEGRITY_ANALYST" -> "master patient index";
            default -> "attending";
        };
    }
}
