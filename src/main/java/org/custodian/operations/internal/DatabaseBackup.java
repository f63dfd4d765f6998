package org.custodian.operations.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.ChainVerification;
import org.custodian.audit.CheckpointVerification;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A consistent logical backup of the whole database and its restore, with only what the server offers
 * over JDBC (the embedded PostgreSQL ships no pg_dump): every table of the schema as a binary
 * {@code COPY} read in one REPEATABLE READ snapshot, the sequences, the applied migrations, the audit
 * chain's head, and a copy of the signed checkpoints. A restore loads the tables into a database at the
 * same migrations, verifies the chain and the backup's newest checkpoint, and names what it lost: the
 * events that the checkpoints outside the database vouch for beyond the restored head (HIPAA 45 CFR
 * 164.308(a)(7)(ii)(A) data backup plan, (B) disaster recovery plan, 164.312(c)(1) integrity).
 */
@Component
class DatabaseBackup {

    static final String FORMAT = "custodian-backup/1";
    private static final String HISTORY = "flyway_schema_history";

    /** What a backup holds; written last, so its presence means the backup is complete. */
    record Manifest(String format, Instant createdAt, String serverVersion, List<String> tables,
                    Map<String, Long> sequences, List<String> migrations, long auditHead) {
    }

    /** What a restore did and what it lost. {@code lostTo} is 0 when no checkpoint names a loss. */
    record RestoreReport(Instant backupTakenAt, long restoredHead, ChainVerification chain,
                         AuditCheckpoint newestBackupCheckpoint, CheckpointVerification againstBackupCheckpoint,
                         long unvouchedFrom, long lostFrom, long lostTo, Instant lostVouchedAt,
                         AuditCheckpoint anchor) {
    }

    private final DataSource dataSource;
    private final AuditLog audit;
    private final JsonMapper json;
    private final Clock clock;

    /**
     * @param dataSource the owner's connection (Flyway's): a restore loads tables with triggers off,
     *                   which the application's DML-only role may not do
     */
    DatabaseBackup(@Qualifier("migrationDataSource") DataSource dataSource, AuditLog audit, JsonMapper json, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    Manifest backup(Path dir) throws IOException, SQLException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException("backup directory " + dir + " is not empty");
                }
            }
        }
        Files.createDirectories(dir.resolve("tables"));
        Manifest manifest;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                List<String> tables = strings(c, "select tablename from pg_tables where schemaname = current_schema() order by 1");
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (String table : tables) {
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("tables").resolve(table + ".copy.gz")))) {
                        copy.copyOut("copy " + quote(table) + " to stdout with (format binary)", out);
                    }
                }
                Map<String, Long> sequences = new LinkedHashMap<>();
                for (String seq : strings(c, "select sequencename from pg_sequences where schemaname = current_schema() order by 1")) {
                    try (Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("select case when is_called then last_value else null end from " + quote(seq))) {
                        rs.next();
                        long v = rs.getLong(1);
                        sequences.put(seq, rs.wasNull() ? null : v);
                    }
                }
                manifest = new Manifest(FORMAT, clock.instant(), strings(c, "show server_version").get(0), tables, sequences,
                        migrations(c), longValue(c, "select coalesce(max(seq), 0) from audit_event"));
            } finally {
                c.rollback();
            }
        }
        Path checkpoints = dir.resolve("audit-checkpoints");
        Files.createDirectories(checkpoints);
        copyNew(audit.checkpointDirectory(), checkpoints);
        Files.writeString(dir.resolve("manifest.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
        return manifest;
    }

    RestoreReport restore(Path dir, boolean replace) throws IOException, SQLException {
        Manifest manifest = json.readValue(Files.readString(dir.resolve("manifest.json")), Manifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new IllegalArgumentException("not a Custodian backup (format " + manifest.format() + ")");
        }
        long restoredHead;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                check(c, manifest, replace);
                try (Statement st = c.createStatement()) {
                    // Foreign keys and the audit log's append-only trigger are system and user triggers:
                    // a restore loads the tables as they were, in any order (needs a superuser, as the
                    // embedded database's is).
                    st.execute("set local session_replication_role = replica");
                    List<String> load = manifest.tables().stream().filter(t -> !t.equals(HISTORY)).toList();
                    st.execute("truncate " + String.join(", ", load.stream().map(DatabaseBackup::quote).toList()));
                }
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (String table : manifest.tables()) {
                    if (table.equals(HISTORY)) {
                        continue;
                    }
                    try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve("tables").resolve(table + ".copy.gz")))) {
                        copy.copyIn("copy " + quote(table) + " from stdin with (format binary)", in);
                    }
                }
                for (Map.Entry<String, Long> s : manifest.sequences().entrySet()) {
                    try (PreparedStatement ps = c.prepareStatement("select setval(?::regclass, ?, ?)")) {
                        ps.setString(1, quote(s.getKey()));
                        ps.setLong(2, s.getValue() == null ? 1 : s.getValue());
                        ps.setBoolean(3, s.getValue() != null);
                        ps.execute();
                    }
                }
                // The head the backup brought back, read before anything else can append: the instance's
                // background jobs go on writing events as soon as this commits.
                restoredHead = longValue(c, "select coalesce(max(seq), 0) from audit_event");
                c.commit();
            } catch (SQLException | RuntimeException | IOException e) {
                c.rollback();
                throw e;
            }
        }
        copyNew(dir.resolve("audit-checkpoints"), audit.checkpointDirectory());
        return report(dir, manifest, restoredHead);
    }

    /** Verifies what was restored and names what was lost, then re-anchors the chain's checks. */
    private RestoreReport report(Path dir, Manifest manifest, long head) throws IOException {
        ChainVerification chain = audit.verify();
        if (!chain.valid()) {
            throw new IllegalStateException("the restored audit chain is broken at event " + chain.firstBrokenSeq()
                    + ": " + chain.problem() + "; the backup is not trustworthy");
        }
        AuditCheckpoint newestInBackup = newest(dir.resolve("audit-checkpoints"));
        CheckpointVerification against = newestInBackup == null ? null : audit.verify(newestInBackup);
        if (against != null && !against.valid()) {
            throw new IllegalStateException("the restored audit log disagrees with the backup's own newest checkpoint: "
                    + against.problem());
        }
        // The checkpoints outside the database that vouch for events beyond the restored head, and that
        // the log no longer matches: those events were written after the backup and are lost. Whether the
        // log now stops short of them or the instance's own jobs have appended other events at those
        // numbers since the restore committed, the events they vouched for are gone either way.
        AuditCheckpoint furthest = audit.storedCheckpoints().stream()
                .filter(cp -> cp.seq() > head)
                .sorted(Comparator.comparingLong(AuditCheckpoint::seq).reversed())
                .filter(cp -> !audit.verify(cp).valid())
                .findFirst().orElse(null);
        long lostTo = 0;
        Instant lostAt = null;
        if (furthest != null) {
            lostTo = furthest.seq();
            lostAt = furthest.createdAt();
        }
        long unvouchedFrom = newestInBackup == null ? 1 : newestInBackup.seq() + 1;
        String detail = "restore of the backup taken " + manifest.createdAt() + ": log restored to event " + head
                + (lostTo > 0 ? "; events " + (head + 1) + " to " + lostTo + " (at least) written after the backup are lost"
                : "; no checkpoint names a loss");
        audit.append(new AuditEntry(clock.instant(), "system", "", null, "Database", "restore",
                AuditAction.ADMIN, null, null, AuditOutcome.SUCCESS, detail));
        AuditCheckpoint anchor = audit.checkpointAfterRestore();
        return new RestoreReport(manifest.createdAt(), head, chain, newestInBackup, against, unvouchedFrom,
                head + 1, lostTo, lostAt, anchor);
    }

    private void check(Connection c, Manifest manifest, boolean replace) throws SQLException {
        List<String> here = migrations(c);
        if (!here.equals(manifest.migrations())) {
            throw new IllegalStateException("this database's migrations (" + here.size() + ") differ from the backup's ("
                    + manifest.migrations().size() + "): restore with the Custodian version that took the backup");
        }
        List<String> tables = strings(c, "select tablename from pg_tables where schemaname = current_schema() order by 1");
        if (!tables.equals(manifest.tables())) {
            throw new IllegalStateException("this database's tables differ from the backup's");
        }
        if (!replace) {
            for (String t : tables) {
                if (!t.equals(HISTORY) && longValue(c, "select count(*) from (select 1 from " + quote(t) + " limit 1) x") > 0) {
                    throw new IllegalStateException("the database holds data (table " + t
                            + "); restore --replace replaces everything in it");
                }
            }
        }
    }

    private AuditCheckpoint newest(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(checkpoints)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        return files.isEmpty() ? null
                : json.readValue(Files.readString(files.get(files.size() - 1)), AuditCheckpoint.class);
    }

    /** Copies the files of {@code from} that {@code to} lacks; never replaces one (the directory is append-only). */
    private static void copyNew(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        Files.createDirectories(to);
        List<Path> files;
        try (Stream<Path> s = Files.list(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = to.resolve(f.getFileName().toString());
            if (!Files.exists(target)) {
                Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static List<String> migrations(Connection c) throws SQLException {
        return strings(c, "select coalesce(version, '') || ':' || description || ':' || coalesce(checksum::text, '') from "
                + HISTORY + " where success order by 1");
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long longValue(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

}
