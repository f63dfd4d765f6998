package org.custodian.coding.internal;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeSetSummary;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.FiscalYear;
import org.postgresql.PGConnection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The code tables: lookups by JdbcClient, loads by PostgreSQL COPY in one transaction per file. */
@Repository
class JdbcCodeSets implements CodeSets {

    private static final String COLUMNS = "system, fiscal_year, order_number, code, dotted, billable, "
            + "short_description, long_description, chapter";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ApplicationEventPublisher events;

    JdbcCodeSets(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.events = events;
    }

    @Override
    public Optional<CodeEntry> find(CodeSystem system, String code, int fiscalYear) {
        return jdbc.sql("select " + COLUMNS + " from coding_code where system = ? and fiscal_year = ? and code = ?")
                .params(system.id(), fiscalYear, CodeSystem.normalize(code))
                .query((rs, n) -> entry(rs)).optional();
    }

    @Override
    public Optional<CodeEntry> find(CodeSystem system, String code, LocalDate dischargeDate) {
        int fy = FiscalYear.of(dischargeDate);
        String c = CodeSystem.normalize(code);
        Optional<String[]> change = jdbc.sql("select action, long_description from coding_code_update where system = ?"
                + " and fiscal_year = ? and code = ? and effective_from <= ? order by effective_from desc limit 1")
                .params(system.id(), fy, c, dischargeDate)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (change.isEmpty()) {
            return find(system, c, fy);
        }
        if (change.get()[0].equals("DELETE")) {
            return Optional.empty();
        }
        String chapter = jdbc.sql("select chapter from coding_code where system = ? and fiscal_year = ? and code like ?"
                + " order by order_number limit 1").params(system.id(), fy, c.substring(0, 1) + "%")
                .query(String.class).optional().orElse("");
        String title = change.get()[1];
        return Optional.of(new CodeEntry(system, fy, Integer.MAX_VALUE, c, system.dotted(c), true, title, title, chapter));
    }

    @Override
    public String releaseName(CodeSystem system, LocalDate dischargeDate) {
        int fy = FiscalYear.of(dischargeDate);
        LocalDate update = jdbc.sql("select effective_from from coding_code_update where system = ? and fiscal_year = ?"
                + " and effective_from <= ? order by effective_from desc limit 1").params(system.id(), fy, dischargeDate)
                .query(LocalDate.class).optional().orElse(null);
        return "FY" + fy + (update == null ? ""
                : " + " + update.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US)) + " update");
    }

    /**
     * Keeps a mid-year update of a fiscal year's set (lines "Add:  CODE Title" and "Delete: CODE", as in
     * CMS's announcement) unless one is already kept for that system and date. All rows or none.
     *
     * @return the number of changes kept, 0 when the update was already there
     */
    @org.springframework.transaction.annotation.Transactional
    public int loadUpdate(CodeSystem system, LocalDate effectiveFrom, List<String> lines, String source) {
        int fy = FiscalYear.of(effectiveFrom);
        if (jdbc.sql("select count(*) from coding_code_update where system = ? and effective_from = ?")
                .params(system.id(), effectiveFrom).query(Integer.class).single() > 0) {
            return 0;
        }
        int n = 0;
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] f = t.split("\\s+", 3);
            String action = switch (f[0]) {
                case "Add:" -> "ADD";
                case "Delete:" -> "DELETE";
                default -> throw new IllegalArgumentException(source + " line " + lineNo + ": expected Add: or Delete:");
            };
            if (f.length < 2 || (action.equals("ADD") && f.length < 3)) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": a code (and for Add: its title) expected");
            }
            jdbc.sql("insert into coding_code_update (system, fiscal_year, effective_from, code, action, long_description,"
                    + " source) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(system.id(), fy, effectiveFrom, CodeSystem.normalize(f[1]), action,
                            action.equals("ADD") ? f[2] : "", source).update();
            n++;
        }
        return n;
    }

    @Override
    public List<CodeSetSummary> loaded() {
        return jdbc.sql("select system, fiscal_year, codes, billable, headers, source, sha256 from coding_code_set "
                + "order by system, fiscal_year")
                .query((rs, n) -> new CodeSetSummary(CodeSystem.byId(rs.getString(1)).orElseThrow(), rs.getInt(2),
                        rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getString(6), rs.getString(7)))
                .list();
    }

    boolean isLoaded(CodeSystem system, int fiscalYear) {
        return jdbc.sql("select count(*) from coding_code_set where system = ? and fiscal_year = ?")
                .params(system.id(), fiscalYear).query(Integer.class).single() > 0;
    }

    /** Every code of one set in CMS's order, for building the encoder's index. */
    List<CodeEntry> all(CodeSystem system, int fiscalYear) {
        return jdbc.sql("select " + COLUMNS + " from coding_code where system = ? and fiscal_year = ? order by order_number")
                .params(system.id(), fiscalYear).query((rs, n) -> entry(rs)).list();
    }

    /**
     * Replaces the set of the file's system and fiscal year, unless the very same file (by SHA-256)
     * is already loaded: re-loading changes nothing. All rows or none: one transaction, under an
     * advisory lock so two instances starting together do not both load.
     *
     * @return true when the set was (re)loaded, false when it was already there
     */
    boolean load(OrderFile.Parsed file, String source) throws SQLException {
        boolean changed;
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext('coding_code_set'))")) {
                    lock.execute();
                }
                changed = !sameFile(c, file);
                if (changed) {
                    replace(c, file, source);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        if (changed) {
            events.publishEvent(new CodeSetLoaded(file.system(), file.fiscalYear()));
        }
        return changed;
    }

    private static boolean sameFile(Connection c, OrderFile.Parsed file) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "select sha256 from coding_code_set where system = ? and fiscal_year = ?")) {
            q.setString(1, file.system().id());
            q.setInt(2, file.fiscalYear());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getString(1).equals(file.sha256());
            }
        }
    }

    private static void replace(Connection c, OrderFile.Parsed file, String source) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("delete from coding_code where system = ? and fiscal_year = ?")) {
            del.setString(1, file.system().id());
            del.setInt(2, file.fiscalYear());
            del.executeUpdate();
        }
        try (PreparedStatement set = c.prepareStatement("""
                insert into coding_code_set (system, fiscal_year, source, sha256, codes, billable, headers)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (system, fiscal_year) do update set source = excluded.source, sha256 = excluded.sha256,
                  codes = excluded.codes, billable = excluded.billable, headers = excluded.headers, loaded_at = now()""")) {
            set.setString(1, file.system().id());
            set.setInt(2, file.fiscalYear());
            set.setString(3, source);
            set.setString(4, file.sha256());
            set.setInt(5, file.entries().size());
            set.setInt(6, file.billable());
            set.setInt(7, file.headers());
            set.executeUpdate();
        }
        StringBuilder csv = new StringBuilder(file.entries().size() * 200);
        for (CodeEntry e : file.entries()) {
            csv.append(e.system().id()).append(',').append(e.fiscalYear()).append(',').append(e.orderNumber())
                    .append(',').append(e.code()).append(',').append(e.dotted()).append(',')
                    .append(e.billable() ? 't' : 'f').append(',');
            quoted(csv, e.shortDescription()).append(',');
            quoted(csv, e.longDescription()).append(',');
            quoted(csv, e.chapter()).append('\n');
        }
        try {
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy coding_code (" + COLUMNS + ") from stdin with (format csv)", new StringReader(csv.toString()));
            if (rows != file.entries().size()) {
                throw new SQLException("COPY wrote " + rows + " rows of " + file.entries().size());
            }
        } catch (java.io.IOException e) {
            throw new SQLException("COPY of " + file.system().title() + " FY" + file.fiscalYear() + " failed", e);
        }
    }

    private static StringBuilder quoted(StringBuilder out, String s) {
        return out.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    private static CodeEntry entry(ResultSet rs) throws SQLException {
        return new CodeEntry(CodeSystem.byId(rs.getString(1)).orElseThrow(), rs.getInt(2), rs.getInt(3),
                rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    static List<String> describe(List<CodeSetSummary> sets) {
        List<String> lines = new ArrayList<>();
        for (CodeSetSummary s : sets) {
            lines.add(String.format("%-10s FY%d  %,7d codes  %,7d billable  %,6d header", s.system().title(),
                    s.fiscalYear(), s.codes(), s.billable(), s.headers()));
        }
        return lines;
    }
}
