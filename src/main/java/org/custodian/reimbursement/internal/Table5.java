package org.custodian.reimbursement.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.custodian.reimbursement.DrgWeight;

/**
 * Reads the IPPS final rule's Table 5 ({@code reference/ms-drg-v43/table5_fy2026_weights_gmlos.tsv}, see
 * its PROVENANCE.md): ms_drg, mdc, type, weight, geometric_mean_los, arithmetic_mean_los (mostly blank),
 * title. A malformed row fails the load with its line number.
 */
public final class Table5 {

    static final String FY2026 = GrouperTables.ROOT + "table5_fy2026_weights_gmlos.tsv";

    private Table5() {
    }

    /** The FY2026 table shipped with Custodian. */
    public static List<DrgWeight> fy2026() {
        try (InputStream in = Table5.class.getResourceAsStream(FY2026)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + FY2026);
            }
            return read(in, FY2026);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<DrgWeight> read(InputStream in, String name) throws IOException {
        List<DrgWeight> rows = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String header = r.readLine();
        if (header == null || !header.startsWith("ms_drg\t")) {
            throw new IllegalStateException(name + ": expected a header starting with ms_drg");
        }
        String line;
        int n = 1;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            try {
                if (f.length < 7 || !f[0].matches("\\d{3}")) {
                    throw new IllegalArgumentException("expected 7 columns and a three-digit DRG");
                }
                rows.add(new DrgWeight(f[0], f[1].trim(), f[2].trim(), f[6].trim(), new BigDecimal(f[3].trim()),
                        decimal(f[4]), decimal(f[5])));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(name + " line " + n + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(rows);
    }

    private static BigDecimal decimal(String s) {
        return s == null || s.isBlank() ? null : new BigDecimal(s.trim());
    }
}
