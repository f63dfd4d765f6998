package org.custodian.reimbursement.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.custodian.reimbursement.DrgWeight;

/**
 * A CMS MS-DRG grouper release in the layout of the shared v43 tables ({@code shared/data/cms/ms-drg-v43/README.md}):
 * {@code vNN.0/} with every table, {@code vNN.1/} (the April update: procedure attributes and clusters),
 * {@code mce-vNN.M/mce_discharge_status.tsv} and {@code table5_fyYYYY_weights_gmlos.tsv}. Version NN
 * covers federal fiscal year 2026 + (NN − 43), as CMS numbers them: vNN.0 from October 1 of the year
 * before, vNN.1 from April 1. Read whole and validated before anything is kept: every error names its
 * file and line.
 */
public final class GrouperRelease {

    static final String[] BASE_TABLES = {"dx_codes.tsv.gz", "pdx_excluded_sdx_groups.tsv.gz", "drg_formulas.tsv",
        "hac_formulas.tsv", "drg_descriptions.tsv", "mdc_descriptions.tsv", "pr_codes.tsv.gz", "clusters.tsv"};
    static final String[] UPDATE_TABLES = {"pr_codes.tsv.gz", "clusters.tsv"};
    private static final Pattern VERSION_DIR = Pattern.compile("v(\\d{2})\\.(\\d)");
    private static final Pattern MCE_DIR = Pattern.compile("mce-v(\\d{2})\\.(\\d)");
    private static final Pattern TABLE5 = Pattern.compile("table5_fy(\\d{4})_weights_gmlos\\.tsv");

    private final int major;
    private final int fiscalYear;
    private final GrouperTables.Layout layout;
    private final String table5;
    /** Every file the release is made of, by relative name ("v44.0/dx_codes.tsv.gz"). */
    private final Map<String, byte[]> files;

    private GrouperRelease(int major, GrouperTables.Layout layout, String table5, Map<String, byte[]> files) {
        this.major = major;
        this.fiscalYear = fiscalYearOf(major);
        this.layout = layout;
        this.table5 = table5;
        this.files = files;
    }

    /** Version NN groups fiscal year 2026 + (NN − 43). */
    static int fiscalYearOf(int major) {
        return 2026 + major - 43;
    }

    public String version() {
        return "v" + major;
    }

    public int fiscalYear() {
        return fiscalYear;
    }

    public GrouperTables.Layout layout() {
        return layout;
    }

    public Map<String, byte[]> files() {
        return files;
    }

    /** Compiles the release's tables (done once per JVM for each stored release). */
    public GrouperTables tables() {
        return new GrouperTables(TableSource.files(files), layout);
    }

    /** The release's Table 5. */
    public List<DrgWeight> weights() {
        try (InputStream in = TableSource.files(files).open(table5)) {
            return Table5.read(in, table5);
        } catch (IOException e) {
            throw new IllegalStateException(table5 + ": " + e.getMessage(), e);
        }
    }

    /** A release whose files were kept (already validated when loaded). */
    public static GrouperRelease of(Map<String, byte[]> files) {
        List<String> errors = new ArrayList<>();
        GrouperRelease r = describe(files, errors);
        if (r == null) {
            throw new IllegalStateException(String.join("; ", errors));
        }
        return r;
    }

    /** Reads a directory and validates it whole; the errors name file and line, and nothing is returned with any. */
    public static Result read(Path dir) throws IOException {
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Result(null, List.of(dir + ": not a directory"));
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace('\\', '/');
                if (wanted(rel)) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        GrouperRelease r = describe(files, errors);
        if (r == null) {
            return new Result(null, errors);
        }
        r.validate(errors);
        if (errors.isEmpty()) {
            try {
                r.tables();
            } catch (RuntimeException e) {
                errors.add("compiling the tables: " + e.getMessage());
            }
        }
        return errors.isEmpty() ? new Result(r, List.of()) : new Result(null, errors);
    }

    public record Result(GrouperRelease release, List<String> errors) {
    }

    private static boolean wanted(String rel) {
        String[] parts = rel.split("/");
        if (parts.length == 1) {
            return TABLE5.matcher(parts[0]).matches();
        }
        return parts.length == 2 && (VERSION_DIR.matcher(parts[0]).matches() || MCE_DIR.matcher(parts[0]).matches());
    }

    /** Finds the layout from the file names; null (with errors) when it is not a release. */
    private static GrouperRelease describe(Map<String, byte[]> files, List<String> errors) {
        TreeSet<String> versionDirs = new TreeSet<>();
        TreeSet<String> mceDirs = new TreeSet<>();
        List<String> table5 = new ArrayList<>();
        for (String name : files.keySet()) {
            String first = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
            if (VERSION_DIR.matcher(first).matches()) {
                versionDirs.add(first);
            } else if (MCE_DIR.matcher(first).matches()) {
                mceDirs.add(first);
            } else if (TABLE5.matcher(first).matches()) {
                table5.add(first);
            }
        }
        if (versionDirs.isEmpty()) {
            errors.add("no version folder (vNN.0/ with the grouper tables, as in shared/data/cms/ms-drg-v43/)");
            return null;
        }
        Matcher m = VERSION_DIR.matcher(versionDirs.first());
        m.matches();
        int major = Integer.parseInt(m.group(1));
        int fy = fiscalYearOf(major);
        List<GrouperTables.VersionFolder> versions = new ArrayList<>();
        for (String d : versionDirs) {
            Matcher v = VERSION_DIR.matcher(d);
            v.matches();
            int maj = Integer.parseInt(v.group(1));
            int minor = Integer.parseInt(v.group(2));
            if (maj != major) {
                errors.add(d + "/: one release at a time (v" + major + " and v" + maj + " found)");
            } else if (minor > 1) {
                errors.add(d + "/: only vNN.0 (October 1) and vNN.1 (April 1) are known");
            } else {
                versions.add(new GrouperTables.VersionFolder(major + "." + minor, d,
                        minor == 0 ? LocalDate.of(fy - 1, 10, 1) : LocalDate.of(fy, 4, 1)));
            }
        }
        if (!versionDirs.first().equals("v" + major + ".0")) {
            errors.add("v" + major + ".0/: missing (the base tables of the release)");
        }
        if (major <= 43) {
            errors.add("v" + major + ".0/: v43 is bundled with Custodian; load a later release (v44 for FY2027, …)");
        }
        String mce = mceDirs.isEmpty() ? null : mceDirs.last();
        if (mce == null) {
            errors.add("mce-v" + major + ".N/mce_discharge_status.tsv: missing (valid discharge statuses)");
        }
        String t5 = "table5_fy" + fy + "_weights_gmlos.tsv";
        if (!table5.contains(t5)) {
            errors.add(t5 + ": missing (Table 5 weights and GMLOS of FY" + fy + ", which v" + major + " groups)"
                    + (table5.isEmpty() ? "" : "; found " + table5));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new GrouperRelease(major, new GrouperTables.Layout("v" + major + ".0", versions, mce), t5, files);
    }

    // ---- validation, table by table ----

    private void validate(List<String> errors) throws IOException {
        TableSource src = TableSource.files(files);
        String base = layout.base();
        for (String t : BASE_TABLES) {
            require(src, base + "/" + t, errors);
        }
        for (GrouperTables.VersionFolder v : layout.versions().subList(1, layout.versions().size())) {
            for (String t : UPDATE_TABLES) {
                require(src, v.dir() + "/" + t, errors);
            }
        }
        require(src, layout.mce() + "/mce_discharge_status.tsv", errors);
        if (!errors.isEmpty()) {
            return;
        }
        Set<Integer> weighted = new HashSet<>();
        rows(src, table5, "ms_drg", 7, errors, (f, e) -> {
            boolean weight = decimal(f[3], "weight", e);
            if (!f[0].matches("\\d{3}")) {
                e.add("a three-digit MS-DRG, not '" + f[0] + "'");
            } else if (weight) {
                weighted.add(Integer.parseInt(f[0]));
            }
            if (!f[4].isBlank()) {
                decimal(f[4], "geometric_mean_los", e);
            }
        });
        rows(src, base + "/dx_codes.tsv.gz", "code", 10, errors, (f, e) -> {
            if (!f[0].matches("[A-Z][0-9A-Z]{2,6}")) {
                e.add("not an ICD-10-CM code: '" + f[0] + "'");
            }
            integer(f[1], "mdc", 0, 25, e);
            if (!Set.of("CC", "MCC", "NCC").contains(f[2])) {
                e.add("severity must be CC, MCC or NCC, not '" + f[2] + "'");
            }
            if (!f[3].isEmpty()) {
                integer(f[3], "pdx_exclusion_group", 0, Integer.MAX_VALUE, e);
            }
        });
        rows(src, base + "/pdx_excluded_sdx_groups.tsv.gz", "group", 3, errors, (f, e) -> {
            integer(f[0], "group", 1, Integer.MAX_VALUE, e);
            if (integer(f[1], "count", 0, Integer.MAX_VALUE, e)
                    && Integer.parseInt(f[1]) != (f[2].isEmpty() ? 0 : f[2].split("\\|").length)) {
                e.add("count " + f[1] + " but " + (f[2].isEmpty() ? 0 : f[2].split("\\|").length) + " codes listed");
            }
        });
        rows(src, base + "/drg_formulas.tsv", "mdc", 10, errors, (f, e) -> {
            integer(f[0], "mdc", 0, 99, e);
            integer(f[1], "rank", 0, Integer.MAX_VALUE, e);
            if (integer(f[4], "drg", 0, 999, e)) {
                int drg = Integer.parseInt(f[4]);
                if (drg != 0 && !weighted.contains(drg)) {
                    e.add("MS-DRG " + drg + " has no weight in " + table5);
                }
            }
            if (!Set.of("MEDICAL", "SURGICAL", "NA").contains(f[5])) {
                e.add("surgical must be MEDICAL, SURGICAL or NA, not '" + f[5] + "'");
            }
            integer(f[6], "reroute_mdc", 0, 99, e);
            integer(f[7], "drg_severity", 0, 9, e);
            formula(f[9], e);
        });
        rows(src, base + "/hac_formulas.tsv", "hac_number", 4, errors, (f, e) -> {
            integer(f[0], "hac_number", 1, 99, e);
            formula(f[3], e);
        });
        rows(src, base + "/drg_descriptions.tsv", "drg", 2, errors, (f, e) -> {
            if (!f[0].matches("\\d{3}")) {
                e.add("a three-digit MS-DRG, not '" + f[0] + "'");
            }
        });
        rows(src, base + "/mdc_descriptions.tsv", "mdc", 2, errors, (f, e) -> integer(f[0], "mdc", 0, 99, e));
        for (GrouperTables.VersionFolder v : layout.versions()) {
            rows(src, v.dir() + "/pr_codes.tsv.gz", "code", 3, errors, (f, e) -> {
                if (!f[0].matches("[0-9A-HJ-NP-Z]{7}|Z@\\d+")) {
                    e.add("not an ICD-10-PCS code nor a cluster key: '" + f[0] + "'");
                }
                if (!f[1].equals("true") && !f[1].equals("false")) {
                    e.add("valid must be true or false, not '" + f[1] + "'");
                }
            });
            rows(src, v.dir() + "/clusters.tsv", "cluster_id", 3, errors, (f, e) -> {
                for (String mdc : f[1].split("\\|")) {
                    integer(mdc.trim(), "suppression_mdcs", 0, 99, e);
                }
                for (String part : f[2].split(";")) {
                    if (!part.trim().matches("\\d+:\\s*[0-9A-Z]{7}([|, ]+[0-9A-Z]{7})*")) {
                        e.add("a choice reads 'N:CODE|CODE', not '" + part.trim() + "'");
                    }
                }
            });
        }
        rows(src, layout.mce() + "/mce_discharge_status.tsv", "key", 4, errors, (f, e) -> {
            integer(f[0], "key", 0, 99, e);
            for (int c = 1; c <= 2; c++) {
                try {
                    LocalDate.parse(f[c]);
                } catch (DateTimeParseException x) {
                    e.add("not a date (YYYY-MM-DD): '" + f[c] + "'");
                }
            }
        });
    }

    private static void require(TableSource src, String name, List<String> errors) throws IOException {
        if (src.stored(name) == null) {
            errors.add(name + ": missing");
        }
    }

    private interface RowCheck {
        void check(String[] fields, List<String> problems);
    }

    /** Reads a table with line numbers: header first, then each row's column count and checks. */
    private static void rows(TableSource src, String name, String firstColumn, int columns, List<String> errors,
            RowCheck check) throws IOException {
        String stored = src.stored(name);
        try (InputStream in = src.open(name)) {
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String header = r.readLine();
            if (header == null || !header.split("\t", -1)[0].equals(firstColumn)) {
                errors.add(stored + " line 1: the header must start with " + firstColumn);
                return;
            }
            String line;
            int n = 1;
            int rows = 0;
            List<String> problems = new ArrayList<>(2);
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isEmpty()) {
                    continue;
                }
                rows++;
                String[] f = line.split("\t", -1);
                problems.clear();
                if (f.length < columns) {
                    problems.add(columns + " tab-separated columns expected, " + f.length + " found");
                } else {
                    check.check(f, problems);
                }
                for (String p : problems) {
                    errors.add(stored + " line " + n + ": " + p);
                }
            }
            if (rows == 0) {
                errors.add(stored + ": no rows");
            }
        } catch (IOException e) {
            errors.add(stored + ": unreadable (" + e.getMessage() + ")");
        }
    }

    private static boolean integer(String s, String what, int min, int max, List<String> e) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min || v > max) {
                e.add(what + " " + v + " out of range " + min + "–" + max);
                return false;
            }
            return true;
        } catch (NumberFormatException x) {
            e.add(what + " must be a number, not '" + s + "'");
            return false;
        }
    }

    private static boolean decimal(String s, String what, List<String> e) {
        try {
            new BigDecimal(s.trim());
            return true;
        } catch (NumberFormatException x) {
            e.add(what + " must be a number, not '" + s + "'");
            return false;
        }
    }

    private static void formula(String text, List<String> e) {
        try {
            Formula.parse(text, n -> 0, n -> 0, null);
        } catch (RuntimeException x) {
            e.add(x.getMessage());
        }
    }
}
