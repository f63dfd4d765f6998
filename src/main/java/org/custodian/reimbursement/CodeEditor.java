package org.custodian.reimbursement;

import java.time.LocalDate;
import java.util.List;
import org.custodian.reimbursement.internal.mce.MceEngine;
import org.custodian.reimbursement.internal.mce.MceTables;

/**
 * The Medicare Code Editor (MCE) v43 for FY2026 discharges (2025-10-01 to 2026-09-30), from the
 * MCE 43.1 tables bundled under {@code reference/ms-drg-v43/mce-v43.1}. A code's edit flags apply
 * only within their validity dates: the discharge date picks them. Edits are numbered as in CMS's
 * "Definitions of Medicare Code Edits". A discharge outside FY2026 is refused with
 * {@link GrouperVersionNotLoadedException} ("grouper MCE v44 not loaded"), never edited with an
 * older or newer year's lists. Thread-safe; the tables are loaded once per JVM.
 */
public final class CodeEditor {

    public static final LocalDate V43_FROM = Grouper.V430_FROM;
    public static final LocalDate V44_FROM = Grouper.V44_FROM;

    private final MceEngine engine;

    private CodeEditor(MceTables tables) {
        this.engine = new MceEngine(tables);
    }

    /** The code editor over the bundled MCE 43.1 tables. */
    public static CodeEditor bundled() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final CodeEditor INSTANCE = new CodeEditor(MceTables.bundled());
    }

    /**
     * The MCE edits a claim sets off, in edit-number order (empty when it is clean).
     *
     * @throws GrouperVersionNotLoadedException when the discharge is outside FY2026 (MCE v43)
     */
    public List<McEdit> edit(Claim claim) {
        return edit(claim, null);
    }

    /**
     * As {@link #edit(Claim)}, with the length of stay in days so that edit 19 (procedure
     * inconsistent with length of stay) can be evaluated; null when not known.
     */
    public List<McEdit> edit(Claim claim, Integer lengthOfStay) {
        LocalDate d = claim.dischargeDate();
        if (!d.isBefore(V44_FROM)) {
            throw new GrouperVersionNotLoadedException("MCE v44", "discharge " + d + "; v44 applies from " + V44_FROM);
        }
        if (d.isBefore(V43_FROM)) {
            throw new GrouperVersionNotLoadedException("MCE v42", "discharge " + d + "; MCE v43 applies from " + V43_FROM);
        }
        return engine.edit(claim, lengthOfStay);
    }
}
