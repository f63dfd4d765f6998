package org.custodian.reimbursement;

import java.time.LocalDate;
import org.custodian.reimbursement.internal.GrouperTables;
import org.custodian.reimbursement.internal.GroupingEngine;

/**
 * The MS-DRG grouper. The version follows the discharge date: v43.0 from 2025-10-01, v43.1 (April
 * procedure update) from 2026-04-01; a discharge on or after 2026-10-01 needs v44, which is not
 * loaded, and is refused with {@link GrouperVersionNotLoadedException} ("grouper v44 not loaded")
 * rather than grouped with an older version. Thread-safe; the tables are loaded once per JVM.
 */
public final class Grouper {

    public static final LocalDate V430_FROM = LocalDate.of(2025, 10, 1);
    public static final LocalDate V431_FROM = LocalDate.of(2026, 4, 1);
    public static final LocalDate V44_FROM = LocalDate.of(2026, 10, 1);

    private final GroupingEngine v430;
    private final GroupingEngine v431;

    private Grouper(GrouperTables tables) {
        this.v430 = tables.engine430();
        this.v431 = tables.engine431();
    }

    /** The grouper over the tables bundled under {@code reference/ms-drg-v43}. */
    public static Grouper bundled() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final Grouper INSTANCE = new Grouper(GrouperTables.bundled());
    }

    /** Which version groups a discharge on this date ("43.0", "43.1"), or the exception saying which is missing. */
    public String versionFor(LocalDate discharge) {
        return engineFor(discharge).version();
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
        if (!d.isBefore(V44_FROM)) {
            throw new GrouperVersionNotLoadedException("v44", "discharge " + d + "; v44 applies from " + V44_FROM);
        }
        if (d.isBefore(V430_FROM)) {
            throw new GrouperVersionNotLoadedException("v42", "discharge " + d + "; v43.0 applies from " + V430_FROM);
        }
        return d.isBefore(V431_FROM) ? v430 : v431;
    }
}
