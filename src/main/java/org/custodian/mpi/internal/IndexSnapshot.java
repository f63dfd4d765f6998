package org.custodian.mpi.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.custodian.patient.SsnColumn;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Every active registration, read for a whole-index scan with one {@code COPY … TO STDOUT}: the
 * server streams rows while this side parses them, with no cursor round trips and no JDBC value
 * objects per column. Values that repeat (names, birth dates, streets, cities, postcodes) are
 * kept once each, so a million records cost some hundreds of bytes each, not kilobytes.
 *
 * @param records the engine's records, in the order of {@code ids}; their {@code id} is not set
 * @param ids     the patients' ids
 */
record IndexSnapshot(List<MpiRecord> records, long[] ids) {

    private static final String ACTIVE = "from patient where merged_into is null";

    static IndexSnapshot read(DataSource dataSource, PrintStream progress, SsnColumn ssns) throws SQLException {
        return read(dataSource, progress, ssns, null);
    }

    /** {@code only}: the ids of the registrations to read (null: every active one). */
    static IndexSnapshot read(DataSource dataSource, PrintStream progress, SsnColumn ssns, long[] only)
            throws SQLException {
        // COPY takes no parameters: the ids (numbers, nothing else) go in as an array literal.
        String from = only == null ? ACTIVE : ACTIVE + " and id = any('{" + String.join(",",
                Arrays.stream(only).mapToObj(Long::toString).toList()) + "}'::bigint[])";
        String copy = "copy (select " + IndexRows.COLUMNS + " " + from + ") to stdout (format text)";
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) " + from)) {
                rs.next();
                total = rs.getLong(1);
            }
            List<MpiRecord> records = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, total + 1024));
            long[] ids = new long[(int) Math.min(Integer.MAX_VALUE - 8, total + 1024)];
            MpiScan.Bar bar = new MpiScan.Bar(progress, "reading", total);
            Parser parser = new Parser();
            CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy);
            byte[] row;
            int n = 0;
            while ((row = out.readFromCopy()) != null) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                String[] v = parser.fields(row);
                ids[n++] = Long.parseLong(v[0]);
                v[5] = ssns.open(v[5]);
                records.add(parser.record(v));
                bar.step();
            }
            bar.done();
            return new IndexSnapshot(records, Arrays.copyOf(ids, n));
        }
    }

    /** Splits COPY text rows into fields and shares repeated values; one per read, not thread-safe. */
    static final class Parser {
        private static final int COLUMNS = 11;
        private final Map<String, String> shared = new HashMap<>();
        private final String[] fields = new String[COLUMNS];
        private final StringBuilder field = new StringBuilder();

        /** The row's fields; {@code \N} is null and backslash escapes are undone. */
        String[] fields(byte[] row) {
            int end = row.length;
            while (end > 0 && (row[end - 1] == '\n' || row[end - 1] == '\r')) {
                end--;
            }
            int f = 0;
            int start = 0;
            for (int i = 0; i <= end; i++) {
                if (i == end || row[i] == '\t') {
                    if (f < COLUMNS) {
                        fields[f++] = value(row, start, i);
                    }
                    start = i + 1;
                }
            }
            while (f < COLUMNS) {
                fields[f++] = null;
            }
            return fields;
        }

        private String value(byte[] row, int from, int to) {
            if (to - from == 2 && row[from] == '\\' && row[from + 1] == 'N') {
                return null;
            }
            boolean plain = true;
            for (int i = from; i < to; i++) {
                if (row[i] == '\\' || row[i] < 0) {
                    plain = false;
                    break;
                }
            }
            if (plain) {
                return new String(row, from, to - from, StandardCharsets.ISO_8859_1);
            }
            String text = new String(row, from, to - from, StandardCharsets.UTF_8);
            field.setLength(0);
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '\\' && i + 1 < text.length()) {
                    char e = text.charAt(++i);
                    field.append(switch (e) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'v' -> '\u000b';
                        default -> e;
                    });
                } else {
                    field.append(ch);
                }
            }
            return field.toString();
        }

        /** The columns of {@link IndexRows#COLUMNS} as an engine record. */
        MpiRecord record(String[] v) {
            String birth = v[3] == null ? null : shared(MpiRecord.digits(v[3]));
            MpiRecord r = MpiRecord.registered(null, v[1], v[2], birth, v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
            // The record's values are folded; repeated ones are kept once (the SSN rarely repeats).
            return new MpiRecord(null, shared(r.givenName()), shared(r.familyName()), r.birthDate(), shared(r.sex()), r.ssn(),
                    shared(r.streetNumber()), shared(r.address1()), r.address2(), shared(r.city()), shared(r.postcode()),
                    shared(r.state()), shared(r.phone()), r.suffix());
        }

        private String shared(String s) {
            if (s == null) {
                return null;
            }
            String existing = shared.putIfAbsent(s, s);
            return existing == null ? s : existing;
        }
    }
}
