package org.custodian.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A US-style population of households, written in the FEBRL format {@code mpi-eval} reads (rec_id,
 * given_name, surname, street_number, address_1, address_2, suburb, postcode, state,
 * date_of_birth, soc_sec_id, phone_number; the truth in rec_id: {@code rec-N-org} and {@code rec-N-dup-K} are
 * person N). What makes it hard is who lives together: spouses at one address (the wife often
 * under her husband's surname), children who share surname and address (siblings), twins (same
 * birth date, surname and address, another given name), a son named after his father (Jr/Sr, the
 * suffix written after the surname or left out), an elderly parent living with a grown child.
 * Duplicates are a clerk's or a life's changes: nicknames, typos, married names, moves (a new
 * address in another town), day and month swapped, SSN missing or mistyped, suffix dropped, phone missing or
 * changed (a new number with a move, a child given a parent's). Phones: a household's landline (a third of
 * households), each adult's own mobile (four in five), a child's the parent's.
 *
 * <p>Usage: {@code bench/us-population.sh [-Dbench.people=N] [-Dbench.out=F.csv] [-Dbench.seed=S]}; the optional column {@code sex}
 * is added with {@code -Dbench.sex=true}.
 */
public final class UsPopulation {

    static final String[] STATES = {"il", "oh", "tx", "ca", "ny", "pa", "ga", "nc", "mi", "wa"};
    static final String[] APTS = {"apt 1", "apt 2", "apt 3", "apt 4b", "unit 5", "apt 12", "suite 200"};
    static final Map<String, String> NICK = Map.ofEntries(Map.entry("william", "bill"), Map.entry("robert", "bob"),
            Map.entry("richard", "rick"), Map.entry("james", "jim"), Map.entry("john", "jack"), Map.entry("michael", "mike"),
            Map.entry("thomas", "tom"), Map.entry("joseph", "joe"), Map.entry("margaret", "peggy"), Map.entry("elizabeth", "beth"),
            Map.entry("katherine", "kate"), Map.entry("patricia", "patty"), Map.entry("jennifer", "jenny"), Map.entry("daniel", "dan"),
            Map.entry("christopher", "chris"), Map.entry("anthony", "tony"), Map.entry("susan", "sue"), Map.entry("deborah", "debbie"),
            Map.entry("edward", "ed"), Map.entry("kenneth", "ken"), Map.entry("steven", "steve"), Map.entry("timothy", "tim"),
            Map.entry("nicholas", "nick"), Map.entry("samuel", "sam"), Map.entry("alexander", "alex"), Map.entry("rebecca", "becky"),
            Map.entry("kimberly", "kim"), Map.entry("victoria", "vicky"), Map.entry("benjamin", "ben"), Map.entry("matthew", "matt"));

    record Person(int id, String given, String family, String suffix, char sex, LocalDate dob, String ssn, Home home, String maiden,
                  String phone) {
        Person with(String given, String family, String suffix, LocalDate dob, String ssn, Home home, String phone) {
            return new Person(id, given, family, suffix, sex, dob, ssn, home, maiden, phone);
        }
    }

    record Home(String number, String street, String line2, String city, String zip, String state, String landline) {
    }

    private final Random r;
    private final List<Person> people = new ArrayList<>();
    private final String[] cities;
    private final String[] zips;

    UsPopulation(long seed, int people) {
        this.r = new Random(seed);
        int towns = Math.max(20, people / 2000);
        cities = new String[towns];
        zips = new String[towns * 4];
        for (int i = 0; i < towns; i++) {
            cities[i] = i < MpiScanBenchmark.CITIES.length ? MpiScanBenchmark.CITIES[i] : syllables(2) + (r.nextBoolean() ? "ville" : " city");
        }
        for (int i = 0; i < zips.length; i++) {
            zips[i] = String.format(Locale.ROOT, "%05d", 10000 + r.nextInt(89999));
        }
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.people", 10_000);
        Path out = Path.of(System.getProperty("bench.out", "target/us-" + n + ".csv"));
        long seed = Long.getLong("bench.seed", 20261206L);
        UsPopulation p = new UsPopulation(seed, n);
        p.households(n);
        int records = p.write(out, Boolean.getBoolean("bench.sex"), !"false".equals(System.getProperty("bench.phone")));
        System.out.printf(Locale.ROOT, "%,d people, %,d records written to %s (seed %d)%n", p.people.size(), records, out, seed);
        if (!"false".equals(System.getProperty("bench.eval"))) {
            System.out.println("mpi-eval " + out + "; load " + MpiLinkOffline.load());
            new org.custodian.mpi.internal.MpiEvalOffline().run(new String[] {out.toString()});
        }
    }

    void households(int n) {
        while (people.size() < n) {
            String family = surname();
            Home home = home();
            double kind = r.nextDouble();
            int born = 1935 + r.nextInt(70);
            if (kind < 0.35) {
                char s = sex();
                add(given(s), family, null, s, date(born), home, null);
                continue;
            }
            // A couple: the wife takes the husband's surname three times in four.
            boolean jr = r.nextDouble() < 0.12;
            Person husband = add(given('M'), family, jr ? "sr" : null, 'M', date(born), home, null);
            String maiden = surname();
            boolean took = r.nextDouble() < 0.75;
            add(given('F'), took ? family : maiden, null, 'F', date(born + r.nextInt(7) - 3), home, took ? maiden : null);
            if (r.nextDouble() < 0.08) {
                // An elderly parent living with them, same surname, often the same given name.
                add(r.nextBoolean() ? husband.given() : given('M'), family, null, 'M', date(born - 22 - r.nextInt(10)), home, null);
            }
            if (born < 1950 || kind < 0.55) {
                continue;
            }
            int kids = 1 + r.nextInt(4);
            int year = born + 22 + r.nextInt(10);
            for (int k = 0; k < kids && year < 2025; k++) {
                LocalDate dob = date(year);
                char s = sex();
                String suffix = null;
                String name = given(s);
                if (k == 0 && jr && s == 'M') {
                    name = husband.given();
                    suffix = "jr";
                }
                add(name, family, suffix, s, dob, home, null);
                if (r.nextDouble() < 0.04) {
                    // Twins: same birth date, surname and address, another given name (often the same initial).
                    char t = sex();
                    String twin = given(t);
                    while (twin.equals(name)) {
                        twin = given(t);
                    }
                    add(twin, family, null, t, dob, home, null);
                }
                year += 1 + r.nextInt(4);
            }
        }
    }

    private char sex() {
        return r.nextBoolean() ? 'M' : 'F';
    }

    private Person add(String given, String family, String suffix, char sex, LocalDate dob, Home home, String maiden) {
        String ssn = r.nextDouble() < 0.7 ? String.format(Locale.ROOT, "%09d", 100_000_000 + r.nextInt(799_999_999)) : null;
        // An adult's own mobile four times in five, else the household's landline (if any); a child (under 14 in
        // 2025) the phone of the household's first adult.
        String phone;
        if (dob.getYear() > 2011 && !people.isEmpty() && people.get(people.size() - 1).home() == home) {
            Person adult = people.get(people.size() - 1);
            for (int k = people.size() - 1; k >= 0 && people.get(k).home() == home; k--) {
                adult = people.get(k);
            }
            phone = adult.phone();
        } else {
            phone = r.nextDouble() < 0.8 ? phoneNumber(home) : home.landline();
        }
        Person p = new Person(people.size(), given, family, suffix, sex, dob, ssn, home, maiden, phone);
        people.add(p);
        return p;
    }

    int write(Path out, boolean withSex, boolean withPhone) throws IOException {
        int records = 0;
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println("rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id"
                    + (withPhone ? ", phone_number" : "") + (withSex ? ", sex" : ""));
            for (Person p : people) {
                row(w, "rec-" + p.id() + "-org", p, withSex, withPhone);
                records++;
                double d = r.nextDouble();
                int dups = d < 0.80 ? 0 : d < 0.93 ? 1 : d < 0.98 ? 2 : 3;
                for (int k = 0; k < dups; k++) {
                    row(w, "rec-" + p.id() + "-dup-" + k, corrupt(p), withSex, withPhone);
                    records++;
                }
            }
        }
        return records;
    }

    /** A later registration of the same person: one to three changes. */
    Person corrupt(Person p) {
        String given = p.given();
        String family = p.family();
        String suffix = p.suffix();
        LocalDate dob = p.dob();
        String ssn = p.ssn();
        Home home = p.home();
        String phone = p.phone();
        int changes = 1 + r.nextInt(3);
        for (int c = 0; c < changes; c++) {
            switch (r.nextInt(10)) {
                case 0 -> given = NICK.getOrDefault(given, typo(given));
                case 1 -> given = typo(given);
                case 2 -> family = p.maiden() != null && r.nextBoolean() ? p.maiden() : typo(family);
                case 3 -> {
                    home = r.nextBoolean() ? home() : new Home(Integer.toString(1 + r.nextInt(999)), street(), null, home.city(),
                            home.zip(), home.state(), null);
                    // A move: the landline goes, a mobile often stays.
                    if (phone != null && (phone.equals(p.home().landline()) || r.nextDouble() < 0.3)) {
                        phone = r.nextBoolean() ? phoneNumber(home) : null;
                    }
                }
                case 4 -> dob = r.nextBoolean() && dob.getDayOfMonth() <= 12
                        ? LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()) : dob.plusDays(r.nextBoolean() ? 1 : -10);
                case 5 -> ssn = ssn == null || r.nextBoolean() ? null : typoDigits(ssn);
                case 6 -> suffix = null;
                case 7 -> home = new Home(home.number(), home.street(), home.line2(), home.city(), r.nextBoolean() ? typoDigits(home.zip())
                        : home.zip(), home.state(), home.landline());
                case 8 -> {
                    ssn = null;
                    phone = r.nextBoolean() ? null : phone;
                }
                default -> given = NICK.getOrDefault(given, given);
            }
        }
        if (phone != null && r.nextDouble() < 0.1) {
            phone = r.nextBoolean() ? null : typoDigits(phone);
        }
        return p.with(given, family, suffix, dob, ssn, home, phone);
    }

    private void row(PrintWriter w, String id, Person p, boolean withSex, boolean withPhone) {
        Home h = p.home();
        String surname = p.suffix() == null ? p.family() : p.family() + " " + p.suffix();
        w.println(String.join(", ", id, p.given(), surname, h.number(), h.street(), h.line2() == null ? "" : h.line2(), h.city(),
                h.zip(), h.state(), p.dob().toString().replace("-", ""), p.ssn() == null ? "" : p.ssn())
                + (withPhone ? ", " + (p.phone() == null ? "" : p.phone()) : "") + (withSex ? ", " + p.sex() : ""));
    }

    private Home home() {
        int town = r.nextInt(cities.length);
        Home h = new Home(Integer.toString(1 + r.nextInt(r.nextBoolean() ? 200 : 9999)), street(),
                r.nextDouble() < 0.2 ? APTS[r.nextInt(APTS.length)] : null, cities[town], zips[town * 4 + r.nextInt(4)],
                STATES[town % STATES.length], null);
        return r.nextDouble() < 0.33 ? new Home(h.number(), h.street(), h.line2(), h.city(), h.zip(), h.state(), phoneNumber(h)) : h;
    }

    private String street() {
        String s = MpiScanBenchmark.STREETS[r.nextInt(MpiScanBenchmark.STREETS.length)];
        return r.nextDouble() < 0.6 ? syllables(2) + " " + s.substring(s.indexOf(' ') + 1) : s;
    }

    private String given(char sex) {
        String[] names = sex == 'F' ? MpiScanBenchmark.GIVEN_F : MpiScanBenchmark.GIVEN_M;
        // Zipf-like: the first names far more common than the last.
        return names[(int) Math.floor(Math.pow(r.nextDouble(), 2) * names.length)];
    }

    private String surname() {
        if (r.nextDouble() < 0.5) {
            return MpiScanBenchmark.FAMILY_COMMON[(int) Math.floor(Math.pow(r.nextDouble(), 1.5) * MpiScanBenchmark.FAMILY_COMMON.length)];
        }
        return syllables(2 + r.nextInt(2));
    }

    private String syllables(int k) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < k; i++) {
            b.append(MpiScanBenchmark.SYLLABLES[r.nextInt(MpiScanBenchmark.SYLLABLES.length)]);
        }
        return b.toString();
    }

    private LocalDate date(int year) {
        return LocalDate.of(Math.min(2025, year), 1, 1).plusDays(r.nextInt(365));
    }

    private String typo(String s) {
        if (s.length() < 3) {
            return s;
        }
        int i = 1 + r.nextInt(s.length() - 2);
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, i) + s.substring(i + 1);
            case 1 -> s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2);
            default -> s.substring(0, i) + (char) ('a' + r.nextInt(26)) + s.substring(i + 1);
        };
    }

    /** A ten-digit number whose area code goes with the town (its first three digits of the ZIP). */
    private String phoneNumber(Home h) {
        return "2" + h.zip().substring(0, 2) + String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000));
    }

    private String typoDigits(String s) {
        int i = r.nextInt(s.length());
        return s.substring(0, i) + (char) ('0' + r.nextInt(10)) + s.substring(i + 1);
    }
}
