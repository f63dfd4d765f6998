package org.custodian.mpi.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads FEBRL-format CSV (rec_id, given_name, surname, street_number, address_1, address_2,
 * suburb, postcode, state, date_of_birth, soc_sec_id; a space after each comma; DOB yyyymmdd), and the
 * optional columns FEBRL's generator can add that the engine compares: {@code phone_number} and {@code sex}
 * (or {@code gender}).
 * The truth is in rec_id: {@code rec-N-org} and {@code rec-N-dup-K} are entity N. FEBRL values
 * contain no commas or quotes, so a plain split is enough.
 */
final class FebrlCsv {

    private static final List<String> COLUMNS = List.of("rec_id", "given_name", "surname", "street_number",
            "address_1", "address_2", "suburb", "postcode", "state", "date_of_birth", "soc_sec_id");

    private FebrlCsv() {
    }

    /** Records of all files, in order; the record id is rec_id. */
    static List<MpiRecord> read(List<Path> files) throws IOException {
        List<MpiRecord> records = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                continue;
            }
            List<String> header = Arrays.stream(lines.get(0).split(",", -1)).map(String::trim).toList();
            int[] at = COLUMNS.stream().mapToInt(header::indexOf).toArray();
            int phone = header.indexOf("phone_number");
            int sex = header.indexOf("sex") >= 0 ? header.indexOf("sex") : header.indexOf("gender");
            for (int c = 0; c < at.length; c++) {
                if (at[c] < 0) {
                    throw new IOException(file + ": no column " + COLUMNS.get(c));
                }
            }
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                String[] v = lines.get(i).split(",", -1);
                if (v.length < header.size()) {
                    throw new IOException(file + " line " + (i + 1) + ": " + v.length + " fields, expected " + header.size());
                }
                records.add(new MpiRecord(v[at[0]].trim(), v[at[1]], v[at[2]], v[at[9]], sex < 0 ? null : sex(v[sex]), v[at[10]],
                        v[at[3]], v[at[4]], v[at[5]], v[at[6]], v[at[7]], v[at[8]], phone < 0 ? null : v[phone]));
            }
        }
        return records;
    }

    /** M or F from m, f, male, female (any case); anything else is unknown. */
    static String sex(String value) {
        String s = value.trim().toLowerCase(java.util.Locale.ROOT);
        return s.startsWith("m") ? "m" : s.startsWith("f") ? "f" : null;
    }

    /** Entity of a rec_id: "rec-12-dup-3" → "12". */
    static String entity(String recId) {
        String[] parts = recId.split("-");
        if (parts.length < 3 || !parts[0].equals("rec")) {
            throw new IllegalArgumentException("not a FEBRL rec_id: " + recId);
        }
        return parts[1];
    }
}
