package org.custodian.bench;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * mpi-scan on a generated index: N people (default 1,000,000) plus 2% duplicate registrations with
 * a clerk's corruptions (typos and transpositions in names, nicknames, day/month swaps and digit
 * typos in the birth date, SSN typo or missing, moved house). The index is loaded with COPY
 * (fixture, not what is measured); then {@code java -jar target/custodian.jar mpi-scan} runs as its
 * own process under /usr/bin/time, which gives its wall time and peak memory (max RSS); finally the
 * worklist is scored against the generated truth (recall and precision on pairs).
 */
public final class MpiScanBenchmark {

    static final int PEOPLE = Integer.getInteger("bench.people", 1_000_000);
    static final double DUPLICATE_SHARE = 0.02;
    static final String HEAP = System.getProperty("bench.scanHeap", "2g");

    static final String[] GIVEN_F = {"mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
            "nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle", "dorothy", "carol",
            "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy", "shirley",
            "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma", "samantha", "katherine", "christine", "debra", "rachel",
            "catherine", "carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia",
            "kelly", "christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha", "jacqueline",
            "frances", "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice", "madison", "doris", "abigail", "julia",
            "judy", "grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa", "sophia", "marie", "diana", "brittany",
            "natalie", "isabella", "charlotte", "rose", "alexis", "kayla", "guadalupe", "ximena", "lucia", "camila", "valentina"};
    static final String[] GIVEN_M = {"james", "robert", "john", "michael", "david", "william", "richard", "joseph", "thomas", "charles",
            "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua", "kenneth", "kevin",
            "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric",
            "jonathan", "stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel", "gregory", "alexander", "frank",
            "patrick", "raymond", "jack", "dennis", "jerry", "tyler", "aaron", "jose", "adam", "nathan", "henry", "douglas", "zachary",
            "peter", "kyle", "ethan", "walter", "noah", "jeremy", "christian", "keith", "roger", "terry", "gerald", "harold", "sean",
            "austin", "carl", "arthur", "lawrence", "dylan", "jesse", "jordan", "bryan", "billy", "joe", "bruce", "gabriel", "logan",
            "albert", "willie", "alan", "juan", "wayne", "elijah", "randy", "roy", "vincent", "ralph", "eugene", "russell", "bobby",
            "mason", "philip", "louis", "luis", "carlos", "miguel", "jorge", "pierre", "jean"};
    static final Map<String, String> NICK = Map.ofEntries(Map.entry("william", "bill"), Map.entry("robert", "bob"),
            Map.entry("richard", "dick"), Map.entry("james", "jim"), Map.entry("john", "jack"), Map.entry("michael", "mike"),
            Map.entry("thomas", "tom"), Map.entry("joseph", "joe"), Map.entry("margaret", "peggy"), Map.entry("elizabeth", "liz"),
            Map.entry("katherine", "kate"), Map.entry("patricia", "pat"), Map.entry("jennifer", "jenny"), Map.entry("daniel", "dan"),
            Map.entry("christopher", "chris"), Map.entry("anthony", "tony"), Map.entry("susan", "sue"), Map.entry("deborah", "debbie"));
    static final String[] FAMILY_COMMON = {"smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez",
            "martinez", "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin",
            "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson", "walker", "young",
            "allen", "king", "wright", "scott", "torres", "nguyen", "hill", "flores", "green", "adams", "nelson", "baker", "hall",
            "rivera", "campbell", "mitchell", "carter", "roberts"};
    static final String[] SYLLABLES = {"ba", "ber", "can", "dal", "den", "fer", "gan", "hol", "ker", "lan", "mar", "mon", "nor",
            "par", "ral", "ros", "sal", "son", "ter", "ton", "var", "wal", "zel", "ash", "bri", "cor", "dun", "el", "fitz", "gor",
            "ham", "ing", "kow", "ski", "ley", "man", "ner", "ock", "quin", "rey", "sto", "uel", "vic", "wen", "yor"};
    static final String[] STREETS = {"main st", "oak ave", "maple st", "cedar ln", "elm st", "pine rd", "washington ave", "lake dr",
            "hill st", "park ave", "church st", "river rd", "sunset blvd", "highland ave", "forest dr", "meadow ln", "center st",
            "jefferson st", "lincoln ave", "madison ave", "spring st", "walnut st", "chestnut st", "willow way", "mill rd"};
    static final String[] CITIES = {"springfield", "peoria", "rockford", "joliet", "naperville", "aurora", "champaign", "decatur",
            "bloomington", "evanston", "elgin", "waukegan", "cicero", "quincy", "danville", "moline", "normal", "urbana"};

    record Person(String given, String family, LocalDate dob, char sex, String ssn, String line, String city, String zip, String phone) {
    }

    public static void main(String[] args) throws Exception {
        try (BenchDatabase db = BenchDatabase.start("mpi", "512MB", "64MB")) {
            String url = db.url();
            Path dataDir = db.dataDir();
            machine();
            // Flyway: start Custodian once (no web server) so that the schema is there.
            db.application().close();
            Map<String, Integer> entityOfMrn = new HashMap<>();
            long t0 = System.nanoTime();
            int rows = load(url, entityOfMrn);
            long people = entityOfMrn.values().stream().distinct().count();
            System.out.printf(Locale.ROOT, "fixture: %,d registrations (%,d people + %,d duplicates%s) loaded with COPY in %.1f s%n",
                    rows, people, rows - people, FILE == null ? "" : ", from " + FILE, (System.nanoTime() - t0) / 1e9);
            // The COPY wrote the SSNs in clear, as an index registered before encryption (V160) holds them; Custodian
            // seals them at its next start. That start is part of the fixture: mpi-scan then reads the index as the
            // product keeps it (a command's own start would otherwise spend minutes sealing before it scans).
            long ts = System.nanoTime();
            db.application().close();
            System.out.printf(Locale.ROOT, "fixture: SSNs sealed under the data key by a start of Custodian in %.1f s%n",
                    (System.nanoTime() - ts) / 1e9);

            ProcessBuilder scan = new ProcessBuilder("/usr/bin/time", "-f", "TIME wall=%e s maxrss=%M KB cpu=%P",
                    "java", "-Xmx" + HEAP, "-jar", "target/custodian.jar", "mpi-scan");
            scan.environment().put("CUSTODIAN_DB_URL", url);
            scan.environment().put("CUSTODIAN_DB_USER", "postgres");
            scan.environment().put("CUSTODIAN_DB_PASSWORD", "");
            scan.environment().put("CUSTODIAN_DATA_DIR", dataDir.toString());
            scan.inheritIO();
            System.out.println("running: java -Xmx" + HEAP + " -jar target/custodian.jar mpi-scan");
            System.out.println("uptime before the scan: " + uptime());
            int exit = scan.start().waitFor();
            System.out.println("uptime after the scan: " + uptime());
            if (exit != 0) {
                throw new IllegalStateException("mpi-scan exited with " + exit);
            }
            score(url, entityOfMrn);
        }
    }

    /** A FEBRL-format file to register instead of the generated people ({@code bench/us-population.sh} writes one). */
    static final String FILE = System.getProperty("bench.file");

    static int load(String url, Map<String, Integer> entityOfMrn) throws Exception {
        StringBuilder copy = FILE == null ? registrations(new Random(20261127L), PEOPLE, 10_000_001L, entityOfMrn)
                : registrations(Path.of(FILE), 10_000_001L, entityOfMrn);
        copyPatients(url, copy);
        return entityOfMrn.size();
    }

    /**
     * COPY rows of {@code people} people, then {@link #DUPLICATE_SHARE} of them registered again
     * with a clerk's mistakes, numbered from {@code firstMrn}; {@code entityOfMrn} learns which
     * person each MRN is.
     */
    static StringBuilder registrations(Random r, int people, long firstMrn, Map<String, Integer> entityOfMrn) {
        List<Person> drawn = new ArrayList<>(people);
        for (int i = 0; i < people; i++) {
            drawn.add(person(r));
        }
        StringBuilder copy = new StringBuilder(people * 160);
        long mrn = firstMrn - 1;
        for (int i = 0; i < people; i++) {
            append(copy, ++mrn, drawn.get(i));
            entityOfMrn.put(Long.toString(mrn), i);
        }
        int duplicates = (int) Math.round(people * DUPLICATE_SHARE);
        for (int d = 0; d < duplicates; d++) {
            int original = r.nextInt(people);
            append(copy, ++mrn, corrupt(drawn.get(original), r));
            entityOfMrn.put(Long.toString(mrn), original);
        }
        return copy;
    }

    /**
     * COPY rows of the records of a FEBRL-format file (rec_id, given_name, surname, street_number, address_1,
     * address_2, suburb, postcode, state, date_of_birth, soc_sec_id[, phone_number][, sex]), numbered from
     * {@code firstMrn}; the person of each MRN is the N of its {@code rec-N-...}, as {@code mpi-eval} scores it.
     */
    static StringBuilder registrations(Path file, long firstMrn, Map<String, Integer> entityOfMrn) throws java.io.IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = java.util.Arrays.stream(lines.get(0).split(",", -1)).map(String::trim).toList();
        int id = header.indexOf("rec_id"), given = header.indexOf("given_name"), family = header.indexOf("surname");
        int number = header.indexOf("street_number"), line1 = header.indexOf("address_1"), line2 = header.indexOf("address_2");
        int city = header.indexOf("suburb"), zip = header.indexOf("postcode"), state = header.indexOf("state");
        int dob = header.indexOf("date_of_birth"), ssn = header.indexOf("soc_sec_id"), phone = header.indexOf("phone_number");
        int sex = header.indexOf("sex");
        StringBuilder copy = new StringBuilder(lines.size() * 160);
        long mrn = firstMrn - 1;
        for (String row : lines.subList(1, lines.size())) {
            String[] v = row.split(",", -1);
            for (int i = 0; i < v.length; i++) {
                v[i] = v[i].trim();
            }
            String d = v[dob];
            String address = String.join(" ", java.util.stream.Stream.of(v[number], v[line1], v[line2]).filter(x -> !x.isEmpty()).toList());
            copy.append(++mrn).append('\t').append(cap(v[given])).append('\t').append(cap(v[family])).append('\t')
                    .append(d, 0, 4).append('-').append(d, 4, 6).append('-').append(d, 6, 8).append('\t')
                    .append(sex < 0 || v[sex].isEmpty() ? "U" : v[sex].toUpperCase(Locale.ROOT)).append('\t')
                    .append(v[ssn].isEmpty() ? "\\N" : v[ssn]).append('\t').append(address.isEmpty() ? "\\N" : address).append('\t')
                    .append(v[city].isEmpty() ? "\\N" : cap(v[city])).append('\t').append(v[state].toUpperCase(Locale.ROOT)).append('\t')
                    .append(v[zip]).append('\t').append(phone < 0 || v[phone].isEmpty() ? "\\N" : v[phone]).append('\t')
                    .append(v[given]).append(' ').append(v[family]).append('\n');
            String rec = v[id];
            entityOfMrn.put(Long.toString(mrn), Integer.parseInt(rec.substring(4, rec.indexOf('-', 4))));
        }
        return copy;
    }

    /** Registers the rows {@link #append} wrote with one COPY, then analyzes the table. */
    static void copyPatients(String url, CharSequence rows) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy patient (mrn, given_name, family_name, birth_date, sex, ssn,"
                    + " address_line, city, state, postal_code, phone, search_name) from stdin (format text)",
                    new StringReader(rows.toString()));
            try (Statement s = c.createStatement()) {
                s.execute("analyze patient");
            }
        }
    }

    static void append(StringBuilder sb, long mrn, Person p) {
        sb.append(mrn).append('\t').append(cap(p.given())).append('\t').append(cap(p.family())).append('\t').append(p.dob())
                .append('\t').append(p.sex()).append('\t').append(p.ssn() == null ? "\\N" : p.ssn()).append('\t').append(p.line())
                .append('\t').append(cap(p.city())).append("\tIL\t").append(p.zip()).append('\t').append(p.phone()).append('\t')
                .append(p.given()).append(' ').append(p.family()).append('\n');
    }

    static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Person person(Random r) {
        boolean female = r.nextBoolean();
        String[] names = female ? GIVEN_F : GIVEN_M;
        String given = names[zipf(r, names.length)];
        String family = r.nextDouble() < 0.35 ? FAMILY_COMMON[zipf(r, FAMILY_COMMON.length)]
                : SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)]
                        + (r.nextBoolean() ? SYLLABLES[r.nextInt(SYLLABLES.length)] : "");
        LocalDate dob = LocalDate.of(1930, 1, 1).plusDays(r.nextInt(365 * 94));
        String ssn = r.nextDouble() < 0.85 ? String.format("%09d", 100_000_000 + r.nextInt(799_999_999)) : null;
        int city = r.nextInt(CITIES.length);
        return new Person(given, family, dob, female ? 'F' : 'M', ssn,
                (1 + r.nextInt(9999)) + " " + STREETS[r.nextInt(STREETS.length)], CITIES[city],
                String.valueOf(60000 + city * 100 + r.nextInt(100)), String.format("217-555-%04d", r.nextInt(10000)));
    }

    /** A clerk's re-registration of a returning patient: one to three mistakes. */
    static Person corrupt(Person p, Random r) {
        String given = p.given();
        String family = p.family();
        LocalDate dob = p.dob();
        String ssn = p.ssn();
        String line = p.line();
        String city = p.city();
        String zip = p.zip();
        String phone = p.phone();
        int mistakes = 1 + r.nextInt(3);
        for (int m = 0; m < mistakes; m++) {
            switch (r.nextInt(7)) {
                case 0 -> family = transpose(family, r);
                case 1 -> given = NICK.getOrDefault(given, transpose(given, r));
                case 2 -> dob = dob.getDayOfMonth() <= 12 && dob.getDayOfMonth() != dob.getMonthValue()
                        ? LocalDate.of(dob.getYear(), dob.getDayOfMonth(), dob.getMonthValue()) : dob.plusDays(1);
                case 3 -> ssn = ssn == null ? null : ssn.substring(0, 8) + (char) ('0' + (ssn.charAt(8) - '0' + 1) % 10);
                case 4 -> ssn = null;
                case 5 -> {
                    int c = r.nextInt(CITIES.length);
                    line = (1 + r.nextInt(9999)) + " " + STREETS[r.nextInt(STREETS.length)];
                    city = CITIES[c];
                    zip = String.valueOf(60000 + c * 100 + r.nextInt(100));
                    phone = String.format("217-555-%04d", r.nextInt(10000));
                }
                default -> family = family.length() > 4 ? family.substring(0, family.length() - 1) : family + "e";
            }
        }
        return new Person(given, family, dob, p.sex(), ssn, line, city, zip, phone);
    }

    static String transpose(String s, Random r) {
        if (s.length() < 3) {
            return s;
        }
        int i = 1 + r.nextInt(s.length() - 2);
        char[] c = s.toCharArray();
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        return new String(c);
    }

    /** Index drawn with a Zipf-like skew: a few names are common, most are rarer. */
    static int zipf(Random r, int n) {
        return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, r.nextDouble()) - 1));
    }

    static void score(String url, Map<String, Integer> entityOfMrn) throws Exception {
        // True pairs: all pairs of registrations of one entity.
        Map<Integer, Integer> sizes = new HashMap<>();
        entityOfMrn.values().forEach(e -> sizes.merge(e, 1, Integer::sum));
        long truePairs = sizes.values().stream().mapToLong(k -> (long) k * (k - 1) / 2).sum();
        long link = 0, linkTrue = 0, all = 0, allTrue = 0;
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select a.mrn, b.mrn, w.match_class from mpi_pair w join patient a on a.id = w.patient_a"
                     + " join patient b on b.id = w.patient_b")) {
            while (rs.next()) {
                boolean same = entityOfMrn.get(rs.getString(1)).equals(entityOfMrn.get(rs.getString(2)));
                all++;
                allTrue += same ? 1 : 0;
                if (rs.getString(3).equals("LINK")) {
                    link++;
                    linkTrue += same ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "truth: %,d true pairs%n", truePairs);
        System.out.printf(Locale.ROOT, "link pairs (>= link threshold): %,d (%,d true), precision=%.4f recall=%.4f%n", link, linkTrue,
                link == 0 ? 0 : (double) linkTrue / link, (double) linkTrue / truePairs);
        System.out.printf(Locale.ROOT, "worklist pairs (link + review band): %,d (%,d true), precision=%.4f recall=%.4f%n", all, allTrue,
                all == 0 ? 0 : (double) allTrue / all, (double) allTrue / truePairs);
    }

    /** The load average, as {@code uptime} prints it: the machine is shared, so every figure comes with it. */
    static String uptime() {
        try {
            return new String(new ProcessBuilder("uptime").redirectErrorStream(true).start().getInputStream().readAllBytes()).trim();
        } catch (java.io.IOException e) {
            return "uptime: " + e.getMessage();
        }
    }

    static void machine() throws Exception {
        System.out.printf("machine: %d CPUs, %s, load %s%n", Runtime.getRuntime().availableProcessors(),
                Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst().orElse("?"),
                Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("java: " + System.getProperty("java.version") + ", people=" + PEOPLE + ", scan heap " + HEAP);
    }
}
