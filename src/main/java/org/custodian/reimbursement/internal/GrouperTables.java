package org.custodian.reimbursement.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The MS-DRG v43 tables, loaded once from {@code reference/ms-drg-v43/} into arrays and hash maps:
 * diagnoses and procedures carry their attributes as bit sets, formulas are compiled trees, PDX
 * exclusion groups are sorted arrays of diagnosis indexes. v43.0 and v43.1 share diagnoses and
 * formulas; they differ in procedure attributes and clusters.
 */
public final class GrouperTables {

    static final String ROOT = "/reference/ms-drg-v43/";

    /** Attribute names → bit numbers; one name space for diagnoses, one for procedures. */
    static final class Names {
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> names = new ArrayList<>();

        int id(String name) {
            return ids.computeIfAbsent(name, n -> {
                names.add(n);
                return names.size() - 1;
            });
        }

        int idOrMinus(String name) {
            Integer i = ids.get(name);
            return i == null ? -1 : i;
        }

        int words() {
            return (names.size() + 63) / 64;
        }
    }

    static final class Dx {
        final String code;
        final int index;
        final int mdc;
        /** MDC by sex when the table gives one ({1=12,2=13}); 0 otherwise. */
        final int maleMdc;
        final int femaleMdc;
        /** 0 NCC, 1 CC, 2 MCC. */
        final int level;
        final int exclusionGroup;
        final boolean mccAlive;
        final boolean ecode;
        final boolean hacListed;
        long[] attrs;
        final int[] attrIds;

        Dx(String code, int index, int mdc, int maleMdc, int femaleMdc, int level, int exclusionGroup, boolean mccAlive,
                boolean ecode, boolean hacListed, int[] attrIds) {
            this.code = code;
            this.index = index;
            this.mdc = mdc;
            this.maleMdc = maleMdc;
            this.femaleMdc = femaleMdc;
            this.level = level;
            this.exclusionGroup = exclusionGroup;
            this.mccAlive = mccAlive;
            this.ecode = ecode;
            this.hacListed = hacListed;
            this.attrIds = attrIds;
        }
    }

    static final class Pr {
        final String code;
        final int[] attrIds;
        long[] attrs;
        final boolean nonOr;
        /** Indexes into {@link Version#clusters} of the clusters this code is part of. */
        int[] clusters = new int[0];
        final String[] clusterIds;

        Pr(String code, int[] attrIds, boolean nonOr, String[] clusterIds) {
            this.code = code;
            this.attrIds = attrIds;
            this.nonOr = nonOr;
            this.clusterIds = clusterIds;
        }
    }

    /**
     * A procedure combination: formed when the claim has one code from every choice; it adds its
     * attributes (from the {@code Z@nnnn} row of the procedure table) and, in its suppression MDCs,
     * replaces the attributes of the codes it is made of.
     */
    static final class Cluster {
        final String id;
        final String[][] choices;
        /** Bit n set: MDC n suppresses the member codes' own attributes. */
        final long suppressMdcs;
        long[] attrs = new long[0];

        Cluster(String id, String[][] choices, long suppressMdcs) {
            this.id = id;
            this.choices = choices;
            this.suppressMdcs = suppressMdcs;
        }
    }

    /** One ranked row of the DRG formula table. */
    record Row(int mdc, int rank, int baseDrg, int drg, String surgical, int reroute, int drgSeverity,
            String suppressionText, long[] suppress, String text, Formula.Node node, boolean marker, String label) {

        Row(int mdc, int rank, int baseDrg, int drg, String surgical, int reroute, int drgSeverity,
                String suppressionText, long[] suppress, String text, Formula.Node node, boolean marker) {
            this(mdc, rank, baseDrg, drg, surgical, reroute, drgSeverity, suppressionText, suppress, text, node, marker,
                    label(mdc, rank, drg, reroute, text, suppressionText));
        }

        private static String label(int mdc, int rank, int drg, int reroute, String text, String suppressionText) {
            String to = drg != 0 ? "DRG " + GroupingEngine.drg3(drg)
                    : reroute != 0 ? "re-route to MDC " + reroute : "error";
            return "MDC " + mdc + " rank " + rank + ": " + text + " → " + to
                    + (suppressionText.isEmpty() ? "" : " (CC/MCC not counted from: " + suppressionText + ")");
        }

        @Override
        public String toString() {
            return label;
        }
    }

    record Hac(int number, String description, String text, Formula.Node node, long[] sdxOperands) {
    }

    /** What every version shares. */
    final Names dxNames = new Names();
    final Names prNames = new Names();
    final Map<String, Dx> dx = new HashMap<>(120_000);
    final Dx[] dxByIndex;
    /** Exclusion group → sorted diagnosis indexes that lose CC/MCC status when the group's code is principal. */
    final int[][] exclusions;
    /** Formula rows per MDC 0..99, in rank order, markers included. */
    final Row[][] rows = new Row[100][];
    final List<Hac> hacs = new ArrayList<>();
    final Map<Integer, String> drgTitles = new HashMap<>();
    final Map<Integer, String> mdcTitles = new HashMap<>();
    /** Valid discharge statuses (MCE table) as a bit set over 0..99. */
    final boolean[] validDischargeStatus = new boolean[100];
    final List<Version> versions = new ArrayList<>();

    /** Procedure tables of one version. */
    final class Version {
        final String name;
        final LocalDate from;
        final Map<String, Pr> pr = new HashMap<>(120_000);
        final List<Cluster> clusters = new ArrayList<>();

        Version(String name, LocalDate from) {
            this.name = name;
            this.from = from;
        }

        GrouperTables tables() {
            return GrouperTables.this;
        }
    }

    /**
     * How a release's folders are laid out: the base folder (diagnoses, formulas, HACs, titles), each
     * version's folder (procedure attributes and clusters) with its first discharge date, and the MCE
     * folder (valid discharge statuses).
     */
    public record Layout(String base, List<VersionFolder> versions, String mce) {
    }

    /** A version ("43.1"), its folder ("v43.1") and the first discharge it groups. */
    public record VersionFolder(String name, String dir, LocalDate from) {
    }

    static final Layout V43 = new Layout("v43.0", List.of(
            new VersionFolder("43.0", "v43.0", LocalDate.of(2025, 10, 1)),
            new VersionFolder("43.1", "v43.1", LocalDate.of(2026, 4, 1))), "mce-v43.1");

    private final TableSource source;
    private final List<GroupingEngine> engines = new ArrayList<>();

    /** One engine per version, in the order of their first discharge date. */
    public List<GroupingEngine> engines() {
        return List.copyOf(engines);
    }

    /** The first discharge date of each engine, in the same order. */
    public List<LocalDate> effectiveFrom() {
        return versions.stream().map(v -> v.from).toList();
    }

    private static volatile GrouperTables bundled;

    /** The tables on the classpath, loaded on first use. */
    public static GrouperTables bundled() {
        GrouperTables t = bundled;
        if (t == null) {
            synchronized (GrouperTables.class) {
                t = bundled;
                if (t == null) {
                    t = new GrouperTables(TableSource.classpath(ROOT), V43);
                    bundled = t;
                }
            }
        }
        return t;
    }

    /**
     * Reads and compiles a release's tables.
     *
     * @throws IllegalStateException or IllegalArgumentException naming the table when one is missing or malformed
     */
    public GrouperTables(TableSource source, Layout layout) {
        this.source = source;
        String base = layout.base();
        // Formulas first: their operand names take the low bit numbers.
        List<String[]> formulaRows = new ArrayList<>();
        read(base + "/drg_formulas.tsv", formulaRows::add);
        List<String[]> hacRows = new ArrayList<>();
        read(base + "/hac_formulas.tsv", hacRows::add);
        // Diagnoses
        List<Dx> all = new ArrayList<>(80_000);
        read(base + "/dx_codes.tsv.gz", f -> {
            String code = f[0];
            int mdc = Integer.parseInt(f[1]);
            int level = switch (f[2]) {
                case "MCC" -> 2;
                case "CC" -> 1;
                default -> 0;
            };
            int group = f[3].isEmpty() ? 0 : Integer.parseInt(f[3]);
            int male = 0;
            int female = 0;
            if (!f[5].isEmpty()) {
                for (String kv : f[5].replace("{", "").replace("}", "").split(",")) {
                    String[] p = kv.trim().split("=");
                    if (p[0].equals("1")) {
                        male = Integer.parseInt(p[1]);
                    } else if (p[0].equals("2")) {
                        female = Integer.parseInt(p[1]);
                    }
                }
            }
            List<Integer> ids = new ArrayList<>();
            boolean mccAlive = false;
            boolean ecode = false;
            for (int c = 6; c <= 8; c++) {
                for (String a : split(f, c)) {
                    ids.add(dxNames.id(a));
                    mccAlive |= a.equals("mccalive");
                    ecode |= a.equals("ecode");
                }
            }
            boolean hac = !(f.length <= 9 || f[9].isEmpty());
            all.add(new Dx(code, all.size(), mdc, male, female, level, group, mccAlive, ecode, hac,
                    ids.stream().mapToInt(Integer::intValue).toArray()));
        });
        dxByIndex = all.toArray(Dx[]::new);
        for (Dx d : dxByIndex) {
            dx.put(d.code, d);
        }
        List<int[]> groups = new ArrayList<>();
        groups.add(new int[0]);
        read(base + "/pdx_excluded_sdx_groups.tsv.gz", f -> {
            int g = Integer.parseInt(f[0]);
            while (groups.size() <= g) {
                groups.add(new int[0]);
            }
            groups.set(g, Arrays.stream(split(f, 2)).map(dx::get).filter(d -> d != null)
                    .mapToInt(d -> d.index).sorted().toArray());
        });
        exclusions = groups.toArray(int[][]::new);
        String firstDay = layout.versions().get(0).from().toString();
        read(layout.mce() + "/mce_discharge_status.tsv", f -> validDischargeStatus[Integer.parseInt(f[0])] =
                f[2].compareTo(firstDay) >= 0);
        read(base + "/drg_descriptions.tsv", f -> drgTitles.put(Integer.parseInt(f[0]), f[1]));
        read(base + "/mdc_descriptions.tsv", f -> mdcTitles.put(Integer.parseInt(f[0]), f[1]));
        for (VersionFolder vf : layout.versions()) {
            versions.add(loadVersion(vf.name(), vf.dir(), vf.from()));
        }
        // Bit sets now that every name has its number.
        int dw = dxNames.words();
        for (Dx d : dxByIndex) {
            d.attrs = bits(d.attrIds, dw);
        }
        int pw = prNames.words();
        for (Version v : versions) {
            for (Pr p : v.pr.values()) {
                p.attrs = bits(p.attrIds, pw);
            }
            for (Cluster c : v.clusters) {
                Pr row = v.pr.get(c.id);
                c.attrs = row == null ? new long[pw] : row.attrs;
            }
        }
        // Compile formulas (each exactly once).
        Map<Integer, List<Row>> byMdc = new LinkedHashMap<>();
        for (String[] f : formulaRows) {
            int mdc = Integer.parseInt(f[0]);
            String supText = f[8];
            long[] suppress = null;
            if (!supText.isEmpty()) {
                int[] ids = Arrays.stream(supText.split("\\|")).mapToInt(dxNames::idOrMinus).toArray();
                suppress = bits(ids, dw);
            }
            String text = f[9];
            int drg = Integer.parseInt(f[4]);
            int reroute = Integer.parseInt(f[6]);
            boolean marker = drg == 0 && reroute == 0 && (text.matches("MDC\\d\\d") || text.equals("ERRORDRG"));
            Formula.Node node = Formula.parse(text, dxNames::idOrMinus, prNames::idOrMinus, suppress);
            byMdc.computeIfAbsent(mdc, k -> new ArrayList<>()).add(new Row(mdc, Integer.parseInt(f[1]),
                    Integer.parseInt(f[3]), drg, f[5], reroute, Integer.parseInt(f[7]), supText, suppress, text, node,
                    marker));
        }
        byMdc.forEach((mdc, list) -> {
            list.sort(Comparator.comparingInt(Row::rank).thenComparing(r -> !r.marker()));
            rows[mdc] = list.toArray(Row[]::new);
        });
        for (String[] f : hacRows) {
            Formula.Node node = Formula.parse(f[3], dxNames::idOrMinus, prNames::idOrMinus, null);
            List<Integer> ops = new ArrayList<>();
            node.sdxOperands(ops);
            hacs.add(new Hac(Integer.parseInt(f[0]), f[2], f[3], node,
                    bits(ops.stream().filter(i -> i >= 0).mapToInt(Integer::intValue).toArray(), dw)));
        }
        for (Version v : versions) {
            engines.add(new GroupingEngine(v));
        }
    }

    private Version loadVersion(String name, String dir, LocalDate from) {
        Version v = new Version(name, from);
        read(dir + "/pr_codes.tsv.gz", f -> {
            List<Integer> ids = new ArrayList<>();
            boolean nonOr = false;
            for (int c = 2; c <= 3; c++) {
                for (String a : split(f, c)) {
                    ids.add(prNames.id(a));
                    nonOr |= a.equals("nonor");
                }
            }
            v.pr.put(f[0], new Pr(f[0], ids.stream().mapToInt(Integer::intValue).distinct().toArray(), nonOr,
                    split(f, 4)));
        });
        Map<String, Integer> clusterIndex = new HashMap<>();
        read(dir + "/clusters.tsv.gz", f -> {
            long mask = 0;
            for (String m : f[1].split("\\|")) {
                int n = Integer.parseInt(m.trim());
                if (n < 64) {
                    mask |= 1L << n;
                }
            }
            String[] parts = f[2].split(";");
            String[][] choices = new String[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i].trim();
                choices[i] = p.substring(p.indexOf(':') + 1).trim().split("[|, ]+");
            }
            clusterIndex.put(f[0], v.clusters.size());
            v.clusters.add(new Cluster(f[0], choices, mask));
        });
        for (Pr p : v.pr.values()) {
            p.clusters = Arrays.stream(p.clusterIds).map(clusterIndex::get).filter(i -> i != null)
                    .mapToInt(Integer::intValue).toArray();
        }
        return v;
    }

    static long[] bits(int[] ids, int words) {
        long[] b = new long[words];
        for (int id : ids) {
            if (id >= 0) {
                b[id >>> 6] |= 1L << id;
            }
        }
        return b;
    }

    private static String[] split(String[] f, int col) {
        return col >= f.length || f[col].isEmpty() ? new String[0] : f[col].split("\\|");
    }

    private void read(String name, Consumer<String[]> row) {
        ReferenceTables.read(source, name, "grouper table", row);
    }
}
