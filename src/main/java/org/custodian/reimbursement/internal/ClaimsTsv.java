package org.custodian.reimbursement.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.custodian.reimbursement.Claim;

/**
 * Claims in the column layout of CMS's grouper test file ({@code tests/grouper_cases_v430.tsv}):
 * a header row naming at least {@code age}, {@code sex}, {@code discharge_status}, {@code pdx},
 * {@code sdx_with_poa} ({@code CODE:POA|CODE:POA}) and {@code procedures} ({@code CODE|CODE});
 * {@code discharge_date} (ISO) when present, else the default date given.
 */
public final class ClaimsTsv {

    private final Map<String, Integer> columns = new HashMap<>();
    private final String[] header;
    private final LocalDate defaultDischarge;

    public ClaimsTsv(String headerLine, LocalDate defaultDischarge) {
        this.header = headerLine.split("\t", -1);
        for (int i = 0; i < header.length; i++) {
            columns.putIfAbsent(header[i].trim().toLowerCase(), i);
        }
        for (String required : List.of("age", "sex", "discharge_status", "pdx", "sdx_with_poa", "procedures")) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException("column '" + required + "' missing from the header");
            }
        }
        this.defaultDischarge = defaultDischarge;
    }

    public boolean hasDischargeDate() {
        return columns.containsKey("discharge_date");
    }

    public String[] header() {
        return header;
    }

    /** The value of a named column in a split line ("" when absent). */
    public String get(String[] fields, String column) {
        Integer i = columns.get(column);
        return i == null || i >= fields.length ? "" : fields[i].trim();
    }

    public Claim parse(String line) {
        return parse(line.split("\t", -1));
    }

    public Claim parse(String[] f) {
        String ageText = get(f, "age");
        int age = ageText.isEmpty() ? 0 : Integer.parseInt(ageText);
        String date = get(f, "discharge_date");
        LocalDate discharge = date.isEmpty() ? defaultDischarge : LocalDate.parse(date);
        List<Claim.SecondaryDx> sdx = new ArrayList<>();
        String sdxText = get(f, "sdx_with_poa");
        if (!sdxText.isEmpty()) {
            for (String item : sdxText.split("\\|")) {
                int colon = item.indexOf(':');
                String code = colon < 0 ? item : item.substring(0, colon);
                String poa = colon < 0 ? "" : item.substring(colon + 1);
                sdx.add(new Claim.SecondaryDx(clean(code), poa.trim().toUpperCase()));
            }
        }
        List<String> procs = new ArrayList<>();
        String pr = get(f, "procedures");
        if (!pr.isEmpty()) {
            for (String p : pr.split("\\|")) {
                if (!p.isBlank()) {
                    procs.add(clean(p));
                }
            }
        }
        return new Claim(age, get(f, "sex").toUpperCase(), get(f, "discharge_status"), discharge,
                clean(get(f, "pdx")), sdx, procs);
    }

    private static String clean(String code) {
        return code.trim().replace(".", "").toUpperCase();
    }
}
