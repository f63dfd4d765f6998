package org.custodian.reimbursement.internal.mce;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.custodian.reimbursement.internal.ReferenceTables;

/**
 * The MCE 43.1 tables ({@code reference/ms-drg-v43/mce-v43.1}): per-code edit flags with validity
 * dates (a code may have several rows, each with its own flags), the age ranges of the age-conflict
 * categories by date, and the valid discharge statuses by date.
 */
public final class MceTables {

    static final String ROOT = "/reference/ms-drg-v43/mce-v43.1/";

    /** One row of a code table: valid from..to (inclusive) with these flags. */
    record Span(LocalDate from, LocalDate to, Set<String> flags) {
        boolean covers(LocalDate d) {
            return !d.isBefore(from) && !d.isAfter(to);
        }
    }

    /** An age category (Newborn, Pediatric, Maternity, Adult) valid from..to. */
    record AgeRange(String key, LocalDate from, LocalDate to, int startAge, int endAge) {
    }

    record Status(int code, LocalDate from, LocalDate to) {
    }

    private final Map<String, List<Span>> dx = new HashMap<>(100_000);
    private final Map<String, List<Span>> pr = new HashMap<>(100_000);
    private final List<AgeRange> ages = new ArrayList<>();
    private final List<Status> statuses = new ArrayList<>();

    private static volatile MceTables bundled;

    public static MceTables bundled() {
        MceTables t = bundled;
        if (t == null) {
            synchronized (MceTables.class) {
                t = bundled;
                if (t == null) {
                    bundled = t = new MceTables();
                }
            }
        }
        return t;
    }

    private MceTables() {
        read("mce_i10_dx.tsv.gz", f -> codes(dx, f));
        read("mce_i10_pr.tsv.gz", f -> codes(pr, f));
        read("mce_age_ranges.tsv", f -> ages.add(new AgeRange(f[0], LocalDate.parse(f[1]), LocalDate.parse(f[2]),
                Integer.parseInt(f[3]), Integer.parseInt(f[4]))));
        read("mce_discharge_status.tsv", f -> statuses.add(new Status(Integer.parseInt(f[3].trim()),
                LocalDate.parse(f[1]), LocalDate.parse(f[2]))));
    }

    private static void codes(Map<String, List<Span>> into, String[] f) {
        Set<String> flags = f.length < 4 || f[3].isBlank() ? Set.of() : Set.of(f[3].split("\\|"));
        into.computeIfAbsent(f[0], k -> new ArrayList<>(1))
                .add(new Span(LocalDate.parse(f[1]), LocalDate.parse(f[2]), flags));
    }

    /** The diagnosis's flags on this date, or null when the code is not valid then (edit 1). */
    Set<String> dxFlags(String code, LocalDate on) {
        return flags(dx, code, on);
    }

    /** The procedure's flags on this date, or null when the code is not valid then (edit 1). */
    Set<String> prFlags(String code, LocalDate on) {
        return flags(pr, code, on);
    }

    private static Set<String> flags(Map<String, List<Span>> table, String code, LocalDate on) {
        List<Span> spans = table.get(code);
        if (spans != null) {
            for (Span s : spans) {
                if (s.covers(on)) {
                    return s.flags();
                }
            }
        }
        return null;
    }

    /** The age range of a category (key as in the table: Newborn, Pediatric, Maternity, Adult) on this date. */
    AgeRange ageRange(String key, LocalDate on) {
        for (AgeRange a : ages) {
            if (a.key().equalsIgnoreCase(key) && !on.isBefore(a.from()) && !on.isAfter(a.to())) {
                return a;
            }
        }
        return null;
    }

    boolean validDischargeStatus(int status, LocalDate on) {
        for (Status s : statuses) {
            if (s.code() == status && !on.isBefore(s.from()) && !on.isAfter(s.to())) {
                return true;
            }
        }
        return false;
    }

    private static void read(String name, Consumer<String[]> row) {
        ReferenceTables.read(ROOT + name, "MCE table", row);
    }
}
