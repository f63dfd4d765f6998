package org.custodian.reimbursement.internal;

import java.util.ArrayList;
import java.util.List;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.DrgExplanation;
import org.custodian.reimbursement.DrgExplanation.DiagnosisRole;
import org.custodian.reimbursement.DrgExplanation.ProcedureRole;
import org.custodian.reimbursement.GroupingResult;
import org.custodian.reimbursement.internal.GrouperTables.Cluster;
import org.custodian.reimbursement.internal.GrouperTables.Dx;
import org.custodian.reimbursement.internal.GrouperTables.Hac;
import org.custodian.reimbursement.internal.GrouperTables.Pr;
import org.custodian.reimbursement.internal.GrouperTables.Row;

/**
 * Groups one claim with one version's tables: pre-MDC rows, then the MDC of the principal diagnosis
 * (or the one a pre-MDC row re-routes to), then the unrelated O.R. rows (MDC 29) when an MDC's row
 * sends the claim there; error rows lead to DRG 999. Run twice when a hospital-acquired condition
 * applies: once with every diagnosis present on admission (initial DRG), once without the CC/MCC
 * status of the HAC diagnoses (final DRG). Stateless and thread-safe.
 *
 * <p>How the tables' operands are read (the README documents some only by their use):
 * <ul>
 * <li>{@code MCC} / {@code CC}: the highest level among secondary diagnoses, after the principal's
 * exclusion group, MCC-only-if-alive (an MCC such as I46.2 counts as nothing when the discharge
 * status is 20), the HAC removal (final DRG only) and the row's suppression operands; {@code CC} is
 * "CC or higher" (every CC row follows its family's MCC row, and a row such as DRG 426's
 * "(MCC &amp; A) | (CC &amp; B)" would otherwise send an MCC claim with B to a lower DRG).
 * <li>{@code PDX:x} the principal, {@code SDX:x} any secondary, {@code ANY:x} either, {@code ONLY:x}
 * the principal and every secondary. Unknown secondary codes and repeats are ignored.
 * <li>Procedure attributes: each known procedure's, plus those of every cluster the claim completes
 * (one code from every choice); in a cluster's suppression MDCs its member codes' own attributes
 * are dropped ("99": suppressed nowhere).
 * <li>DIED = status 20; ALIVE = not 20; AMA = 07; XFRNBA (neonate transferred to acute care) = 02,
 * 66, 82, 94; INVALID_DSTAT = not a valid status in the MCE table.
 * <li>MULTST: significant-trauma diagnoses (principal and secondary) in at least two body-site
 * categories (head, chest, abdomen, kidney, urinary, pelvis/spine, upper limb, lower limb).
 * <li>BILATERAL: procedures on at least two of the six lower-limb joints (left/right hip, knee, ankle).
 * <li>*CTR counters: at least two procedures with the attribute (SINGLEFUSIONCTR singlefusionA,
 * SGLANTCTR sglantfuse, SGLPOST1CTR sglpostfuse1, SGLPOSTFUSECTR sglpostfuse, SGLANTSECTXCTR
 * sglantsectXfuse); FOUR_VESSELS / FOUR_STENTS: vessel1..4 / stent1..4 summed over procedures ≥ 4.
 * <li>INVALID_PDX: not in the table; PDX_ECODE: an external-cause code; INVALID_SEX: unknown sex with
 * a principal whose MDC depends on sex. An error row leads to DRG 999 with that return code.
 * A bare number (one row of MDC 15 reads "5") is never true.
 * <li>HAC: a formula holds over the secondary diagnoses not present on admission (N, U); those of its
 * SDX operands that are still a counted CC/MCC lose that status in the final grouping.
 * </ul>
 */
public final class GroupingEngine {

    private static final int DIED = 20;
    private static final int AMA = 7;

    private final GrouperTables t;
    private final GrouperTables.Version v;
    private final int[] stSites;
    private final int[] joints;
    private final int[] counterAttrs;
    private final int[] vesselAttrs;
    private final int[] stentAttrs;

    public GroupingEngine(GrouperTables.Version version) {
        this.v = version;
        this.t = version.tables();
        stSites = ids(t.dxNames, "sthead", "stchest", "stabdom", "stkidney", "sturin", "stpel", "stuplimb", "stlolimb");
        joints = ids(t.prNames, "righthip", "lefthip", "rightknee", "leftknee", "rightankle", "leftankle");
        counterAttrs = ids(t.prNames, "singlefusionA", "sglpostfuse1", "sglantsectXfuse", "sglantfuse", "sglpostfuse");
        vesselAttrs = ids(t.prNames, "vessel1", "vessel2", "vessel3", "vessel4");
        stentAttrs = ids(t.prNames, "stent1", "stent2", "stent3", "stent4");
    }

    private static int[] ids(GrouperTables.Names names, String... n) {
        int[] r = new int[n.length];
        for (int i = 0; i < n.length; i++) {
            r[i] = names.idOrMinus(n[i]);
        }
        return r;
    }

    static String drg3(int drg) {
        return GroupingResult.drgCode(drg);
    }

    public String version() {
        return v.name;
    }

    /** Groups a claim and explains the result. */
    public GroupingResult group(Claim claim) {
        Work w = new Work(claim, -1);
        Outcome initial = w.run(w.baseLevels);
        Outcome fin = initial;
        String hacStatus = "NOT_APPLICABLE";
        if (w.hacPoaMissing) {
            // CMS grouper, hospital not exempt from POA reporting: a HAC whose diagnosis has no valid POA
            // indicator leaves the final DRG ungroupable (42 CFR 412.46(c): the POA indicator is required)
            fin = new Outcome(999, 0, "NONE", "NONE", HAC_MISSING_ONE_POA, null, null, null, 0);
            hacStatus = "FINAL_DRG_UNGROUPABLE";
        } else if (w.hacApplies) {
            fin = w.run(w.finalLevels);
            hacStatus = fin.drg == initial.drg ? "FINAL_DRG_NO_CHANGE" : "FINAL_DRG_CHANGES";
        }
        DrgExplanation explanation = w.explain(fin, initial.drg, claim);
        return new GroupingResult(v.name, fin.drg, initial.drg, fin.mdc, initial.mdc, fin.medSurg, fin.severity,
                fin.returnCode, initial.returnCode, hacStatus, explanation);
    }

    static final String HAC_MISSING_ONE_POA = "HAC_MISSING_ONE_POA";

    /** Final DRG only, without the secondary diagnosis at index skip (for "without this diagnosis"). */
    private int finalDrgWithout(Claim claim, int skip) {
        Work w = new Work(claim, skip);
        return w.hacPoaMissing ? 999 : w.run(w.hacApplies ? w.finalLevels : w.baseLevels).drg;
    }

    /** mdcVia: the row that chose the MDC (pre-MDC DRG or re-route) or the error row; unrelatedVia: the row sending to 981-989. */
    record Outcome(int drg, int mdc, String medSurg, String severity, String returnCode, Row row, Row mdcVia,
            Row unrelatedVia, int levelUsed) {
    }

    /** One claim's facts; implements what formulas ask. */
    private final class Work implements Formula.Facts {
        final Dx pdx;
        final int sex;
        final int status;
        final boolean died;
        final boolean validStatus;
        /** Known secondary diagnoses, distinct, other than the principal. */
        final Dx[] sdx;
        final int[] sdxInput;
        final boolean[] notPoa;
        /** POA indicator blank, 1, E or anything but Y, W, N, U: not usable for HAC logic. */
        final boolean[] poaMissing;
        /** A HAC's criteria hold and a HAC diagnosis lacks a valid POA indicator: final DRG ungroupable. */
        boolean hacPoaMissing;
        final int[] baseLevels;
        final int[] finalLevels;
        final boolean[] excludedByPdx;
        final boolean[] hacLost;
        final Hac[] hacOf;
        final boolean[] diedMcc;
        boolean hacApplies;
        final long[] sdxUnion;
        final long[] onlyAll;
        final Pr[] procs;
        final Cluster[] formed;
        final String[] procCodes;
        // current evaluation state
        int[] levels;
        long[] proc;
        int procMdc = -1;
        boolean errorDrg;
        int cachedLevel = -1;

        Work(Claim c, int skip) {
            pdx = t.dx.get(c.principalDx());
            sex = switch (c.sex()) {
                case "M", "1" -> 1;
                case "F", "2" -> 2;
                default -> 0;
            };
            int st;
            try {
                st = Integer.parseInt(c.dischargeStatus().trim());
            } catch (NumberFormatException e) {
                st = -1;
            }
            status = st;
            validStatus = st >= 0 && st < 100 && t.validDischargeStatus[st];
            died = st == DIED;
            List<Claim.SecondaryDx> in = c.secondaryDx();
            Dx[] s = new Dx[in.size()];
            int[] idx = new int[in.size()];
            boolean[] np = new boolean[in.size()];
            boolean[] pm = new boolean[in.size()];
            int n = 0;
            outer:
            for (int i = 0; i < in.size(); i++) {
                if (i == skip) {
                    continue;
                }
                Dx d = t.dx.get(in.get(i).code());
                if (d == null || d == pdx) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (s[j] == d) {
                        continue outer;
                    }
                }
                s[n] = d;
                idx[n] = i;
                np[n] = in.get(i).notPresentOnAdmission();
                pm[n] = !in.get(i).poaReported();
                n++;
            }
            sdx = n == s.length ? s : java.util.Arrays.copyOf(s, n);
            sdxInput = idx;
            notPoa = np;
            poaMissing = pm;
            int dw = t.dxNames.words();
            sdxUnion = new long[dw];
            onlyAll = pdx == null ? new long[dw] : pdx.attrs.clone();
            baseLevels = new int[n];
            excludedByPdx = new boolean[n];
            diedMcc = new boolean[n];
            int[] excl = pdx == null ? null : t.exclusions[Math.min(pdx.exclusionGroup, t.exclusions.length - 1)];
            for (int i = 0; i < n; i++) {
                Dx d = sdx[i];
                or(sdxUnion, d.attrs);
                and(onlyAll, d.attrs);
                int lvl = d.level;
                if (lvl > 0 && excl != null && pdx.exclusionGroup > 0
                        && java.util.Arrays.binarySearch(excl, d.index) >= 0) {
                    excludedByPdx[i] = true;
                    lvl = 0;
                }
                if (lvl == 2 && d.mccAlive && died) {
                    diedMcc[i] = true;
                    lvl = 0;
                }
                baseLevels[i] = lvl;
            }
            // procedures and the clusters they form
            List<String> pcs = c.procedures();
            Pr[] p = new Pr[pcs.size()];
            String[] codes = new String[pcs.size()];
            int m = 0;
            for (String code : pcs) {
                Pr pr = v.pr.get(code);
                if (pr != null) {
                    boolean dup = false;
                    for (int j = 0; j < m; j++) {
                        dup |= p[j] == pr;
                    }
                    if (!dup) {
                        p[m] = pr;
                        codes[m] = code;
                        m++;
                    }
                }
            }
            procs = java.util.Arrays.copyOf(p, m);
            procCodes = java.util.Arrays.copyOf(codes, m);
            List<Cluster> f = null;
            for (Pr pr : procs) {
                for (int ci : pr.clusters) {
                    Cluster cl = v.clusters.get(ci);
                    if ((f == null || !f.contains(cl)) && formed(cl)) {
                        if (f == null) {
                            f = new ArrayList<>(2);
                        }
                        f.add(cl);
                    }
                }
            }
            formed = f == null ? new Cluster[0] : f.toArray(Cluster[]::new);
            // hospital-acquired conditions: SDX operands over diagnoses not present on admission
            hacLost = new boolean[n];
            hacOf = new Hac[n];
            boolean candidates = false;
            for (int i = 0; i < n; i++) {
                candidates |= np[i] || pm[i];
            }
            if (candidates && pdx != null) {
                // HAC criteria are checked over the secondary diagnoses not reported present on admission
                // (N, U, or no valid indicator); one excluded by the principal is not applicable
                long[] npUnion = new long[dw];
                boolean missingListed = false;
                for (int i = 0; i < n; i++) {
                    if ((notPoa[i] || poaMissing[i]) && !excludedByPdx[i]) {
                        or(npUnion, sdx[i].attrs);
                        missingListed |= poaMissing[i] && sdx[i].hacListed;
                    }
                }
                Formula.Facts hacFacts = new HacFacts(this, npUnion, procAttrs(0));
                for (Hac h : t.hacs) {
                    if (h.node().eval(hacFacts)) {
                        boolean met = false;
                        for (int i = 0; i < n; i++) {
                            if (excludedByPdx[i] || !intersects(sdx[i].attrs, h.sdxOperands())) {
                                continue;
                            }
                            if (poaMissing[i]) {
                                hacPoaMissing = true;
                            } else if (notPoa[i]) {
                                met = true;
                                // only a counted CC/MCC can be a HAC: one excluded by the principal changes nothing
                                if (baseLevels[i] > 0) {
                                    hacLost[i] = true;
                                    if (hacOf[i] == null) {
                                        hacOf[i] = h;
                                    }
                                    hacApplies = true;
                                }
                            }
                        }
                        // CAUTI (HAC 06) is judged on its own codes; any other HAC met with a HAC-listed
                        // diagnosis lacking its POA indicator makes the final DRG ungroupable as well
                        if (met && missingListed && h.number() != 6) {
                            hacPoaMissing = true;
                        }
                    }
                }
            }
            if (hacApplies) {
                finalLevels = baseLevels.clone();
                for (int i = 0; i < n; i++) {
                    if (hacLost[i]) {
                        finalLevels[i] = 0;
                    }
                }
            } else {
                finalLevels = baseLevels;
            }
        }

        private boolean formed(Cluster cl) {
            for (String[] choice : cl.choices) {
                boolean found = false;
                for (String code : choice) {
                    for (String have : procCodes) {
                        if (have != null && have.equals(code)) {
                            found = true;
                            break;
                        }
                    }
                    if (found) {
                        break;
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        private boolean suppressed(Pr p, int mdc) {
            if (mdc >= 64) {
                return false;
            }
            for (Cluster cl : formed) {
                if ((cl.suppressMdcs & (1L << mdc)) != 0 && member(cl, p.code)) {
                    return true;
                }
            }
            return false;
        }

        private boolean member(Cluster cl, String code) {
            for (String[] choice : cl.choices) {
                for (String c : choice) {
                    if (c.equals(code)) {
                        return true;
                    }
                }
            }
            return false;
        }

        long[] procAttrs(int mdc) {
            long[] acc = new long[t.prNames.words()];
            for (Pr p : procs) {
                if (!suppressed(p, mdc)) {
                    or(acc, p.attrs);
                }
            }
            for (Cluster cl : formed) {
                or(acc, cl.attrs);
            }
            return acc;
        }

        private void useMdc(int mdc) {
            if (procMdc != mdc) {
                proc = procAttrs(mdc);
                procMdc = mdc;
            }
        }

        int pdxMdc() {
            if (pdx == null) {
                return 0;
            }
            if (pdx.maleMdc != 0 || pdx.femaleMdc != 0) {
                return sex == 1 ? pdx.maleMdc : sex == 2 ? pdx.femaleMdc : pdx.mdc;
            }
            return pdx.mdc;
        }

        Outcome run(int[] lv) {
            levels = lv;
            cachedLevel = -1;
            errorDrg = false;
            int mdc = pdxMdc();
            useMdc(0);
            for (Row r : t.rows[0]) {
                if (r.marker() || !r.node().eval(this)) {
                    continue;
                }
                if (r.drg() != 0) {
                    return outcome(r, mdc, r, null);
                }
                if (r.reroute() != 0) {
                    return inMdc(r.reroute(), r);
                }
                return error(r);
            }
            return inMdc(mdc, null);
        }

        /** The MDC and why, written only when explaining. */
        String mdcReason(Outcome o) {
            if (o.drg() == 999 && HAC_MISSING_ONE_POA.equals(o.returnCode())) {
                return "hospital-acquired condition without a valid present-on-admission indicator";
            }
            if (o.drg() == 999) {
                return o.mdcVia() == null ? "no formula row applies" : "error row " + o.mdcVia();
            }
            int mdc = pdxMdc();
            String reason = pdx == null ? "principal diagnosis not in the v43 tables"
                    : "principal diagnosis " + pdx.code + " is in MDC " + mdc + " ("
                            + t.mdcTitles.getOrDefault(mdc, "") + ")"
                            + ((pdx.maleMdc != 0 || pdx.femaleMdc != 0)
                                    ? ", sex-specific: MDC " + pdx.maleMdc + " if male, " + pdx.femaleMdc + " if female"
                                    : "");
            Row via = o.mdcVia();
            if (via != null && via.mdc() == 0 && via.drg() != 0) {
                reason = "pre-MDC DRG (assigned before the MDC); " + reason;
            } else if (via != null && via.mdc() == 0) {
                reason = "re-routed to MDC " + via.reroute() + " by pre-MDC row " + via.label() + "; " + reason;
            }
            if (o.unrelatedVia() != null) {
                reason += "; O.R. procedure unrelated to the MDC (" + o.unrelatedVia().label() + ")";
            }
            return reason;
        }

        private Outcome inMdc(int mdc, Row via) {
            Row[] rows = mdc < t.rows.length ? t.rows[mdc] : null;
            if (rows == null) {
                return error(null);
            }
            useMdc(mdc);
            for (Row r : rows) {
                if (r.marker() || !r.node().eval(this)) {
                    continue;
                }
                if (r.drg() != 0) {
                    return outcome(r, mdc, via, null);
                }
                if (r.reroute() == 29) {
                    useMdc(29);
                    for (Row u : t.rows[29]) {
                        if (!u.marker() && u.node().eval(this)) {
                            return outcome(u, mdc, via, r);
                        }
                    }
                    useMdc(mdc);
                    continue;
                }
                if (r.reroute() != 0) {
                    return inMdc(r.reroute(), r);
                }
                return error(r);
            }
            return error(null);
        }

        private Outcome error(Row fired) {
            errorDrg = true;
            String code = "UNGROUPABLE";
            if (fired != null) {
                String f = fired.text();
                code = f.contains("PDX_ECODE") ? "DX_CANNOT_BE_PDX"
                        : f.contains("INVALID_PDX") ? "INVALID_PDX"
                        : f.contains("INVALID_SEX") ? "INVALID_SEX"
                        : f.contains("INVALID_DSTAT") ? "INVALID_DISCHARGE_STATUS" : "UNGROUPABLE";
            }
            Row row999 = null;
            for (Row r : t.rows[99]) {
                if (!r.marker() && r.node().eval(this)) {
                    row999 = r;
                    break;
                }
            }
            return new Outcome(999, 0, "NONE", "NONE", code, row999 == null ? fired : row999, fired, null, 0);
        }

        private Outcome outcome(Row r, int mdc, Row via, Row unrelatedVia) {
            int lvl = level(r.suppress());
            String medSurg = switch (r.surgical()) {
                case "SURGICAL" -> "SURGICAL";
                case "MEDICAL" -> "MEDICAL";
                default -> "NONE";
            };
            String sev = medSurg.equals("NONE") ? "NONE" : lvl == 2 ? "MCC" : lvl == 1 ? "CC" : "NON_CC";
            return new Outcome(r.drg(), mdc, medSurg, sev, "OK", r, via, unrelatedVia, lvl);
        }

        DrgExplanation explain(Outcome o, int initialDrg, Claim claim) {
            Row row = o.row();
            long[] sup = row == null ? null : row.suppress();
            List<DiagnosisRole> roles = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            List<Claim.SecondaryDx> in = claim.secondaryDx();
            for (int i = 0, k = 0; i < in.size(); i++) {
                Claim.SecondaryDx s = in.get(i);
                if (k < sdx.length && sdxInput[k] == i) {
                    Dx d = sdx[k];
                    String tier = d.level == 2 ? "MCC" : d.level == 1 ? "CC" : "NONE";
                    String role;
                    String detail = "";
                    int without = 0;
                    if (o.drg() == 999 && HAC_MISSING_ONE_POA.equals(o.returnCode()) && poaMissing[k]
                            && d.hacListed) {
                        role = "NONE";
                        detail = "on a HAC list without a valid POA indicator (Y, N, U or W): the final DRG cannot be"
                                + " assigned";
                        notes.add(d.code + ": POA indicator missing on a hospital-acquired condition; initial DRG "
                                + drg3(initialDrg) + ", final DRG ungroupable until the POA is coded");
                    } else if (o.drg() == 999) {
                        role = "NONE";
                        detail = "not evaluated: the claim did not group";
                    } else if (d.level == 0) {
                        role = "NONE";
                    } else if (excludedByPdx[k]) {
                        role = tier + "_EXCLUDED";
                        detail = "excluded by principal diagnosis " + pdx.code;
                    } else if (diedMcc[k]) {
                        role = "NONE";
                        detail = "an MCC only if the patient is discharged alive";
                    } else if (sup != null && intersects(d.attrs, sup)) {
                        role = tier + "_EXCLUDED_BY_DRG_LOGIC";
                        detail = "part of the DRG's own definition (" + row.suppressionText() + ")";
                    } else if (levels[k] == 0 && hacLost[k]) {
                        role = "HAC";
                        Hac h = hacOf[k];
                        detail = "HAC " + (h.number() < 10 ? "0" : "") + h.number() + " " + h.description()
                                + ", not present on admission: no " + tier + " in the final DRG";
                        notes.add(d.code + " (" + tier + ", HAC " + h.number() + " not present on admission): initial DRG "
                                + drg3(initialDrg) + ", final DRG " + drg3(o.drg()));
                    } else {
                        role = tier;
                        if (levels[k] == o.levelUsed() && !o.medSurg().equals("NONE") && o.levelUsed() > 0) {
                            without = finalDrgWithout(claim, i);
                            detail = "without this diagnosis the DRG would be " + drg3(without);
                            notes.add(d.code + " (" + tier + "): without this diagnosis the DRG would be "
                                    + drg3(without));
                        }
                    }
                    if (d.hacListed && !role.equals("HAC") && o.drg() != 999) {
                        detail = detail.isEmpty() ? "on a HAC list" : detail + "; on a HAC list";
                    }
                    roles.add(new DiagnosisRole(s.code(), s.poa(), role, without, detail));
                    k++;
                } else {
                    Dx d = t.dx.get(s.code());
                    roles.add(new DiagnosisRole(s.code(), s.poa(), d == null ? "UNKNOWN_CODE" : "NONE", 0,
                            d == null ? "not in the v43 diagnosis table" : "repeats another diagnosis"));
                }
            }
            List<ProcedureRole> procRoles = new ArrayList<>();
            for (String code : claim.procedures()) {
                Pr p = v.pr.get(code);
                procRoles.add(new ProcedureRole(code, p != null && !p.nonOr, p != null));
            }
            String formula = row == null ? "" : row.label();
            String title = t.drgTitles.getOrDefault(o.drg(), "");
            return new DrgExplanation(mdcReason(o), formula, title, roles, procRoles, notes);
        }

        // ---- Facts ----

        @Override
        public boolean proc(int attr) {
            return attr >= 0 && (proc[attr >>> 6] & (1L << attr)) != 0;
        }

        @Override
        public boolean pdx(int attr) {
            return attr >= 0 && pdx != null && (pdx.attrs[attr >>> 6] & (1L << attr)) != 0;
        }

        @Override
        public boolean sdx(int attr) {
            return attr >= 0 && (sdxUnion[attr >>> 6] & (1L << attr)) != 0;
        }

        @Override
        public boolean only(int attr) {
            return attr >= 0 && pdx != null && (onlyAll[attr >>> 6] & (1L << attr)) != 0;
        }

        @Override
        public int level(long[] suppress) {
            if (suppress == null && cachedLevel >= 0) {
                return cachedLevel;
            }
            int max = 0;
            for (int i = 0; i < sdx.length; i++) {
                if (levels[i] > max && (suppress == null || !intersects(sdx[i].attrs, suppress))) {
                    max = levels[i];
                }
            }
            if (suppress == null) {
                cachedLevel = max;
            }
            return max;
        }

        @Override
        public boolean keyword(Formula.Keyword k) {
            return switch (k) {
                case DIED -> died;
                case ALIVE -> !died;
                case AMA -> status == AMA;
                case XFRNBA -> status == 2 || status == 66 || status == 82 || status == 94;
                case INVALID_PDX -> pdx == null;
                case PDX_ECODE -> pdx != null && pdx.ecode;
                case INVALID_SEX -> pdx != null && sex == 0 && (pdx.maleMdc != 0 || pdx.femaleMdc != 0);
                case INVALID_DSTAT -> !validStatus;
                case ERRORDRG -> errorDrg;
                case ANYDX -> true;
                case MULTST -> multipleTrauma();
                case BILATERAL -> bilateral();
                case SINGLEFUSIONCTR -> count(counterAttrs[0]) >= 2;
                case SGLPOST1CTR -> count(counterAttrs[1]) >= 2;
                case SGLANTSECTXCTR -> count(counterAttrs[2]) >= 2;
                case SGLANTCTR -> count(counterAttrs[3]) >= 2;
                case SGLPOSTFUSECTR -> count(counterAttrs[4]) >= 2;
                case FOUR_VESSELS -> weighted(vesselAttrs) >= 4;
                case FOUR_STENTS -> weighted(stentAttrs) >= 4;
                case UNDEFINED -> false;
            };
        }

        private boolean multipleTrauma() {
            int sites = 0;
            for (int a : stSites) {
                if (a >= 0 && (pdx(a) || sdx(a))) {
                    sites++;
                }
            }
            return sites >= 2;
        }

        private boolean bilateral() {
            int found = 0;
            for (int a : joints) {
                if (a < 0) {
                    continue;
                }
                for (Pr p : procs) {
                    if (!suppressed(p, procMdc) && has(p.attrs, a)) {
                        found++;
                        break;
                    }
                }
            }
            return found >= 2;
        }

        private int count(int attr) {
            if (attr < 0) {
                return 0;
            }
            int n = 0;
            for (Pr p : procs) {
                if (!suppressed(p, procMdc) && has(p.attrs, attr)) {
                    n++;
                }
            }
            return n;
        }

        private int weighted(int[] attrs) {
            int n = 0;
            for (Pr p : procs) {
                if (suppressed(p, procMdc)) {
                    continue;
                }
                for (int i = 0; i < attrs.length; i++) {
                    if (attrs[i] >= 0 && has(p.attrs, attrs[i])) {
                        n += i + 1;
                    }
                }
            }
            return n;
        }
    }

    /** Facts for HAC formulas: secondary diagnoses are those not present on admission. */
    private static final class HacFacts implements Formula.Facts {
        final Work w;
        final long[] sdx;
        final long[] proc;

        HacFacts(Work w, long[] sdx, long[] proc) {
            this.w = w;
            this.sdx = sdx;
            this.proc = proc;
        }

        @Override
        public boolean proc(int attr) {
            return attr >= 0 && has(proc, attr);
        }

        @Override
        public boolean pdx(int attr) {
            return w.pdx(attr);
        }

        @Override
        public boolean sdx(int attr) {
            return attr >= 0 && has(sdx, attr);
        }

        @Override
        public boolean only(int attr) {
            return false;
        }

        @Override
        public int level(long[] suppress) {
            return 0;
        }

        @Override
        public boolean keyword(Formula.Keyword k) {
            return false;
        }
    }

    static boolean has(long[] bits, int attr) {
        return (bits[attr >>> 6] & (1L << attr)) != 0;
    }

    static void or(long[] acc, long[] b) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] |= b[i];
        }
    }

    static void and(long[] acc, long[] b) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] &= b[i];
        }
    }

    static boolean intersects(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & b[i]) != 0) {
                return true;
            }
        }
        return false;
    }
}
