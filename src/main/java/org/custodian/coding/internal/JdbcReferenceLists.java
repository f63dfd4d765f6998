package org.custodian.coding.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.ReferenceList;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The edits' reference lists in the database, versioned: loading the same file again changes
 * nothing (by SHA-256), a new version is added beside the old and, ranking higher, is in force.
 */
@Repository
class JdbcReferenceLists {

    private static final Logger log = LoggerFactory.getLogger(JdbcReferenceLists.class);

    /** A list row with the version it came from, as an edit cites it. */
    record Listed(String list, String version, String category, String codeType, String code, String description) {
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    JdbcReferenceLists(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Loads the lists shipped in the jar (reference/PROVENANCE.md) that the database lacks. */
    List<ReferenceList> loadBundled() throws IOException, SQLException {
        List<ReferenceList> loaded = new ArrayList<>();
        load(() -> ReferenceListFiles.poaExempt(gz("reference/poa-exempt/2026/POAexemptCodesFY26.txt.gz"), 2026), "classpath:reference/poa-exempt/2026/POAexemptCodesFY26.txt.gz").ifPresent(loaded::add);
        return loaded;
    }

    /** A list file found by {@link #loadDirectory}: what it holds and whether this load changed anything. */
    record Outcome(String list, String version, int entries, boolean changed, String source) {
    }

    private static final Pattern POA_EXEMPT_FILE = Pattern.compile("(?i)^POAexemptCodesFY(\\d{2})\\.txt(\\.gz)?$");

    /**
     * Loads the reference lists found in {@code dir} (and two levels below) by CMS's file names:
     * {@code POAexemptCodesFYnn.txt}
     * (the fiscal year from the name; CMS's Add/Delete/Revise companions are not lists and are
     * skipped); gzipped or not. Each file is loaded whole or
     * not at all; a file loaded before is reported unchanged. A newer version is in force from now on.
     */
    List<Outcome> loadDirectory(Path dir) throws IOException, SQLException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, 3)) {
            files = walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            FileParser parser;
            Matcher poa = POA_EXEMPT_FILE.matcher(name);
            if (poa.matches()) {
                int fy = 2000 + Integer.parseInt(poa.group(1));
                parser = in -> ReferenceListFiles.poaExempt(in, fy);
            } else {
                continue;
            }
            ReferenceListFiles.Parsed parsed;
            try (InputStream in = open(p)) {
                parsed = parser.parse(in);
            }
            boolean changed = load(() -> parsed, p.toString()).isPresent();
            outcomes.add(new Outcome(parsed.list(), parsed.version(), parsed.entries().size(), changed, p.toString()));
        }
        return outcomes;
    }

    private static InputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        return p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private interface FileParser {
        ReferenceListFiles.Parsed parse(InputStream in) throws IOException;
    }

    interface Parser {
        ReferenceListFiles.Parsed parse() throws IOException;
    }

    private static InputStream gz(String resource) throws IOException {
        return new GZIPInputStream(new ClassPathResource(resource).getInputStream(), 1 << 16);
    }

    /** Loads one list version in one transaction; empty when that very file was already loaded. */
    Optional<ReferenceList> load(Parser parser, String source) throws IOException, SQLException {
        ReferenceListFiles.Parsed file = parser.parse();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext('coding_reference_list'))")) {
                    lock.execute();
                }
                if (sameFile(c, file)) {
                    c.commit();
                    return Optional.empty();
                }
                try (PreparedStatement del = c.prepareStatement("delete from coding_reference_list where list = ? and version = ?")) {
                    del.setString(1, file.list());
                    del.setString(2, file.version());
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("""
                        insert into coding_reference_list (list, version, rank, source, sha256, entries)
                        values (?, ?, ?, ?, ?, ?)""")) {
                    ins.setString(1, file.list());
                    ins.setString(2, file.version());
                    ins.setInt(3, file.rank());
                    ins.setString(4, source);
                    ins.setString(5, file.sha256());
                    ins.setInt(6, file.entries().size());
                    ins.executeUpdate();
                }
                StringBuilder csv = new StringBuilder(file.entries().size() * 80);
                for (ReferenceListFiles.Entry e : file.entries()) {
                    csv.append(file.list()).append(',');
                    quoted(csv, file.version()).append(',');
                    quoted(csv, e.category()).append(',').append(e.codeType()).append(',');
                    quoted(csv, e.code()).append(',');
                    quoted(csv, e.description()).append(',');
                    if (e.detail() != null) {
                        quoted(csv, e.detail());
                    }
                    csv.append('\n');
                }
                // "on conflict do nothing" is not available to COPY; a list repeating a row is a bad file.
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy coding_reference_entry "
                        + "(list, version, category, code_type, code, description, detail) from stdin with (format csv)",
                        new StringReader(csv.toString()));
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
        log.info("{} {}: {} entries loaded from {}", file.list(), file.version(), file.entries().size(), source);
        return Optional.of(new ReferenceList(file.list(), file.version(), file.entries().size(), source, file.sha256()));
    }

    private static boolean sameFile(Connection c, ReferenceListFiles.Parsed file) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select sha256 from coding_reference_list where list = ? and version = ?")) {
            q.setString(1, file.list());
            q.setString(2, file.version());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getString(1).equals(file.sha256());
            }
        }
    }

    private static StringBuilder quoted(StringBuilder out, String s) {
        return out.append('"').append(s.replace("\"", "\"\"")).append('"');
    }

    /** The version in force of each list (the highest ranked). */
    List<ReferenceList> inForce() {
        return jdbc.sql("""
                select distinct on (list) list, version, entries, source, sha256 from coding_reference_list
                order by list, rank desc""")
                .query((rs, n) -> new ReferenceList(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)))
                .list();
    }

    /** Every row of the lists in force that names one of the codes: one query for a whole abstract. */
    Map<String, List<Listed>> lookup(Collection<String> codes) {
        Map<String, List<Listed>> byCode = new HashMap<>();
        if (codes.isEmpty()) {
            return byCode;
        }
        jdbc.sql("""
                select e.list, e.version, e.category, e.code_type, e.code, e.description
                from coding_reference_entry e
                join (select distinct on (list) list, version from coding_reference_list order by list, rank desc) f
                  on f.list = e.list and f.version = e.version
                where e.code = any(?) and e.list = 'poa-exempt'""")
                .param(codes.stream().map(CodeSystem::normalize).distinct().toArray(String[]::new))
                .query((rs, n) -> new Listed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list()
                .forEach(l -> byCode.computeIfAbsent(l.code(), k -> new ArrayList<>()).add(l));
        return byCode;
    }
}
