package org.custodian.reimbursement.internal;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.OfflineCommand;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.CodeEditor;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.GrouperVersionNotLoadedException;
import org.custodian.reimbursement.GroupingResult;
import org.custodian.reimbursement.McEdit;

/**
 * {@code group-claims IN.tsv OUT.tsv [--discharge-date YYYY-MM-DD]}: groups every claim of a file in
 * the layout of CMS's test file and writes the input's columns followed by {@code final_drg},
 * {@code initial_drg}, {@code final_mdc}, {@code final_medsurg}, {@code final_severity},
 * {@code final_grc}; with {@code --mce}, one more column at the end, {@code mce_edits} (the Medicare
 * Code Editor's findings). Runs without Spring and without a database (listed in META-INF/services).
 */
public final class GroupClaimsCommand implements OfflineCommand {

    /** Used when the file has no discharge_date column (or a blank cell): a date inside v43.0. */
    public static final LocalDate DEFAULT_DISCHARGE = LocalDate.of(2026, 1, 15);

    static final String[] OUT = {"final_drg", "initial_drg", "final_mdc", "final_medsurg", "final_severity",
        "final_grc"};

    static final String USAGE = """
            usage: group-claims IN.tsv OUT.tsv [--discharge-date YYYY-MM-DD] [--mce]
              IN.tsv   tab-separated with a header naming age, sex, discharge_status, pdx,
                       sdx_with_poa (CODE:POA|CODE:POA), procedures (CODE|CODE) and optionally
                       discharge_date (YYYY-MM-DD); other columns are copied through
              OUT.tsv  the input's columns followed by final_drg, initial_drg, final_mdc,
                       final_medsurg, final_severity, final_grc (CMS's words: MEDICAL, CC, OK, ...)
            The discharge date chooses the grouper: v43.0 from 2025-10-01, v43.1 from 2026-04-01.
            Without a discharge_date column (or with a blank cell) the date is %s (v43.0),
            or the one given by --discharge-date. A discharge on or after 2026-10-01 needs v44, which
            is not loaded: its row gets final_grc GROUPER_VERSION_NOT_LOADED and no DRG.
            --mce appends a last column, mce_edits: the Medicare Code Editor v43's findings as
                  EDIT:FIELD:CODE joined by '|' (e.g. 4:SDX:A33|16:DISCHARGE_STATUS:08), blank when
                  clean, MCE_VERSION_NOT_LOADED outside FY2026; the other columns are unchanged.
            """.formatted(DEFAULT_DISCHARGE);

    @Override
    public String name() {
        return "group-claims";
    }

    @Override
    public int run(String[] args) throws Exception {
        return run(args, System.err);
    }

    public int run(String[] args, PrintStream err) throws Exception {
        List<String> files = new ArrayList<>();
        LocalDate discharge = DEFAULT_DISCHARGE;
        boolean mce = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-h") || args[i].equals("--help")) {
                err.print(USAGE);
                return 0;
            } else if (args[i].equals("--mce")) {
                mce = true;
            } else if (args[i].equals("--discharge-date") && i + 1 < args.length) {
                discharge = LocalDate.parse(args[++i]);
            } else {
                files.add(args[i]);
            }
        }
        if (files.size() != 2) {
            err.print(USAGE);
            return 2;
        }
        Path in = Path.of(files.get(0));
        Path out = Path.of(files.get(1));
        long started = System.nanoTime();
        Grouper grouper = Grouper.bundled();
        CodeEditor editor = mce ? CodeEditor.bundled() : null;
        err.printf("group-claims: grouper tables loaded in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        long total;
        try (BufferedReader lines = Files.newBufferedReader(in, StandardCharsets.UTF_8)) {
            total = lines.lines().count() - 1;
        }
        int done = 0;
        int refused = 0;
        int errors = 0;
        long lastProgress = System.nanoTime();
        started = System.nanoTime();
        try (BufferedReader r = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                err.println("group-claims: " + in + " is empty");
                return 1;
            }
            header = header.replace("\r", "").replace("\uFEFF", "");
            ClaimsTsv tsv = new ClaimsTsv(header, discharge);
            err.println("group-claims: " + total + " claims; discharge date "
                    + (tsv.hasDischargeDate() ? "from the file's discharge_date column (blank: " + discharge + ")"
                            : discharge + " for every claim (no discharge_date column)"));
            w.write(header);
            for (String c : OUT) {
                w.write('\t');
                w.write(c);
            }
            if (mce) {
                w.write("\tmce_edits");
            }
            w.newLine();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] values;
                Claim claim = null;
                try {
                    claim = tsv.parse(line);
                    GroupingResult g = grouper.group(claim);
                    values = new String[] {GroupingResult.drgCode(g.finalDrg()), GroupingResult.drgCode(g.initialDrg()),
                        Integer.toString(g.finalMdc()), g.medicalSurgical(), g.severity(), g.returnCode()};
                } catch (GrouperVersionNotLoadedException e) {
                    refused++;
                    values = new String[] {"", "", "", "", "", "GROUPER_VERSION_NOT_LOADED"};
                } catch (RuntimeException e) {
                    errors++;
                    err.println("group-claims: line " + lineNo + ": " + e.getMessage());
                    values = new String[] {"", "", "", "", "", "INPUT_ERROR"};
                }
                w.write(line);
                for (String v : values) {
                    w.write('\t');
                    w.write(v);
                }
                if (mce) {
                    w.write('\t');
                    w.write(claim == null ? "" : mceEdits(editor, claim));
                }
                w.newLine();
                done++;
                long now = System.nanoTime();
                if (now - lastProgress > 1_000_000_000L) {
                    lastProgress = now;
                    err.printf("group-claims: %,d / %,d claims grouped%n", done, total);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf("group-claims: %,d / %,d claims grouped in %.2f s%s%s -> %s%n", done, total, seconds,
                refused > 0 ? "; " + refused + " refused (grouper v44 not loaded)" : "",
                errors > 0 ? "; " + errors + " unreadable" : "", out);
        return errors > 0 ? 1 : 0;
    }

    /** The MCE findings as EDIT:FIELD:CODE joined by '|'; blank when clean. */
    static String mceEdits(CodeEditor editor, Claim claim) {
        List<McEdit> edits;
        try {
            edits = editor.edit(claim);
        } catch (GrouperVersionNotLoadedException e) {
            return "MCE_VERSION_NOT_LOADED";
        }
        StringBuilder b = new StringBuilder();
        for (McEdit e : edits) {
            if (!b.isEmpty()) {
                b.append('|');
            }
            b.append(e.number()).append(':').append(e.field()).append(':').append(e.code());
        }
        return b.toString();
    }
}
