package org.custodian.reimbursement;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custodian.reimbursement.internal.GrouperTables;
import org.custodian.reimbursement.internal.GroupingEngine;

/**
 * The MS-DRG grouper. The version follows the discharge date: v43.0 from 2025-10-01, v43.1 (April
 * procedure update) from 2026-04-01, and each release loaded with {@code load-grouper} from its first
 * discharge date (v44.0 from 2026-10-01, …). Each major version covers its federal fiscal year: a
 * discharge after the last loaded one's fiscal year, or before v43, is refused with
 * {@link GrouperVersionNotLoadedException} ("grouper v44 not loaded") rather than grouped with an
 * older version. Thread-safe; the bundled tables are loaded once per JVM.
 */
public final class Grouper {

    public static final LocalDate V430_FROM = LocalDate.of(2025, 10, 1);
    public static final LocalDate V431_FROM = LocalDate.of(2026, 4, 1);
    public static final LocalDate V44_FROM = LocalDate.of(2026, 10, 1);

    private final TreeMap<LocalDate, GroupingEngine> engines = new TreeMap<>();
    /** The first discharge date no loaded version covers (the day after the last fiscal year's end). */
    private final LocalDate until;

    private Grouper(List<GrouperTables> releases) {
        for (GrouperTables t : releases) {
            List<GroupingEngine> e = t.engines();
            List<LocalDate> from = t.effectiveFrom();
            for (int i = 0; i < e.size(); i++) {
                engines.put(from.get(i), e.get(i));
            }
        }
        LocalDate last = engines.lastKey();
        // a fiscal year ends on September 30: the next one starts on October 1
        until = LocalDate.of(last.getMonthValue() >= 10 ? last.getYear() + 1 : last.getYear(), 10, 1);
    }

    /** The grouper over the tables bundled under {@code reference/ms-drg-v43}. */
    public static Grouper bundled() {
        return Holder.INSTANCE;
    }

    /** The bundled v43 and, after it, the releases loaded with {@code load-grouper} (each read once). */
    public static Grouper withReleases(List<GrouperTables> loaded) {
        if (loaded.isEmpty()) {
            return bundled();
        }
        List<GrouperTables> all = new ArrayList<>();
        all.add(GrouperTables.bundled());
        all.addAll(loaded);
        return new Grouper(all);
    }

    private static final class Holder {
        static final Grouper INSTANCE = new Grouper(List.of(GrouperTables.bundled()));
    }

    /** Which version groups a discharge on this date ("43.0", "43.1"), or the exception saying which is missing. */
    public String versionFor(LocalDate discharge) {
        return engineFor(discharge).version();
    }

    /** The first discharge date that no loaded version groups (2026-10-01 while v44 is not loaded). */
    public LocalDate coveredUntil() {
        return until;
    }

    /** Each loaded version and its first discharge date, in order. */
    public Map<String, LocalDate> versions() {
        Map<String, LocalDate> out = new java.util.LinkedHashMap<>();
        engines.forEach((d, e) -> out.put(e.version(), d));
        return out;
    }

    /**
     * Groups one claim: final and initial DRG, MDC, medical/surgical, severity, return code and the
     * explanation.
     *
     * @throws GrouperVersionNotLoadedException when the discharge date needs a version not loaded
     */
    public GroupingResult group(Claim claim) {
        return engineFor(claim.dischargeDate()).group(claim);
    }

    private GroupingEngine engineFor(LocalDate d) {
        if (!d.isBefore(until)) {
            String next = "v" + (43 + until.getYear() - V44_FROM.getYear() + 1);
            throw new GrouperVersionNotLoadedException(next, "discharge " + d + "; " + next + " applies from " + until);
        }
        Map.Entry<LocalDate, GroupingEngine> e = engines.floorEntry(d);
        if (e == null) {
            throw new GrouperVersionNotLoadedException("v42", "discharge " + d + "; v43.0 applies from " + V430_FROM);
        }
        return e.getValue();
    }
}
