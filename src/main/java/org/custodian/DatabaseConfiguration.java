package org.custodian;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.StringUtils;

/**
 * One dialect, PostgreSQL, two ways: the server named by {@code custodian.db.url}
 * ({@code CUSTODIAN_DB_URL}), or — when nothing is configured — an embedded PostgreSQL whose
 * data lives under {@code custodian.data-dir}, so a fresh clone runs with no set-up and keeps
 * its data across restarts.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(DatabaseSettings db, CustodianSettings custodian) {
        String url = db.url();
        String password = db.password();
        String embeddedDir = db.embeddedDir(custodian.dataDir());
        String binDir = db.embeddedBinDir(custodian.dataDir());
        boolean cleanEmbedded = db.embeddedClean();
        String appRole = db.role();
        HikariConfig config = new HikariConfig();
        config.setPoolName("custodian");
        config.setMaximumPoolSize(db.poolSize());
        // Batched INSERTs become multi-row statements: audit appends and bulk loads depend on it.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // The driver otherwise copies the server's error detail ("Key (mrn)=(…) already exists")
        // and failed batch statements with their parameters into exception messages, which end
        // up in logs: no PHI in logs.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        if (StringUtils.hasText(url)) {
            config.setJdbcUrl(url);
            config.setUsername(db.user());
            config.setPassword(password);
            log.info("Using PostgreSQL server at {}", redact(url));
            return new HikariDataSource(config);
        }
        String secret = StringUtils.hasText(password) ? password : embeddedPassword(Path.of(embeddedDir));
        EmbeddedPostgres postgres = startEmbedded(Path.of(embeddedDir), Path.of(binDir), cleanEmbedded, secret);
        closeToOthers(Path.of(binDir));
        requirePassword(postgres, Path.of(embeddedDir), secret);
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        HikariDataSource owner = null;
        if (StringUtils.hasText(appRole)) {
            // Flyway migrates as the owner; the application runs as a role with DML only (AppRoleGrants).
            HikariConfig ownerConfig = new HikariConfig();
            config.copyStateTo(ownerConfig);
            ownerConfig.setPoolName("custodian-owner");
            // Flyway holds up to three at once (migration, schema history, callbacks); idle ones close after the migration.
            ownerConfig.setMaximumPoolSize(4);
            ownerConfig.setMinimumIdle(0);
            ownerConfig.setIdleTimeout(10_000);
            ownerConfig.setUsername("postgres");
            ownerConfig.setPassword(secret);
            owner = new HikariDataSource(ownerConfig);
            String appSecret = embeddedPassword(Path.of(embeddedDir + "-" + appRole));
            ensureAppRole(owner, appRole, appSecret);
            config.setJdbcUrl(postgres.getJdbcUrl(appRole, "postgres")); // the URL names its user
            config.setUsername(appRole);
            config.setPassword(appSecret);
            log.info("Embedded PostgreSQL: migrations as its owner, the application as {} (DML only)", appRole);
        } else {
            config.setUsername("postgres");
            config.setPassword(secret);
        }
        return new EmbeddedDataSource(config, postgres, cleanEmbedded ? Path.of(embeddedDir) : null, owner);
    }

    /**
     * The audit writer's own connections (issue 23). Callers wait for the writer inside their
     * transactions, holding connections of the application's pool; had the writer drawn from that
     * pool too, fifty users could hold every connection while waiting for it, and everyone waited for
     * the pool's timeout (bench/load.sh: p99 50 s, 101 errors). Same server and user as the
     * application's pool, two connections.
     */
    @Bean(destroyMethod = "close")
    @Qualifier("auditDataSource")
    DataSource auditDataSource(DataSource dataSource) {
        HikariConfig config = new HikariConfig();
        ((HikariDataSource) dataSource).copyStateTo(config);
        config.setPoolName("custodian-audit");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }

    /**
     * The cluster locks' own connections (issue 23). A {@link ClusterLocks} lock lives in a session
     * held for the whole run of a job (or, for the MLLP listener, as long as it listens), while the job's
     * work draws its connections from the application's pool; eight periodic jobs, the duplicate scan
     * and the listener could otherwise hold all ten of that pool's connections for their locks and
     * wait for an eleventh. Idle lock sessions are closed after a minute.
     */
    @Bean(destroyMethod = "close")
    @Qualifier("lockDataSource")
    DataSource lockDataSource(DataSource dataSource) {
        HikariConfig config = new HikariConfig();
        ((HikariDataSource) dataSource).copyStateTo(config);
        config.setPoolName("custodian-locks");
        config.setMaximumPoolSize(12);
        config.setMinimumIdle(0);
        config.setIdleTimeout(60_000);
        return new HikariDataSource(config);
    }

    /**
     * Flyway's connection: the embedded server's owner when the application runs as its own role,
     * else the application's own pool. A server names its migration user with {@code spring.flyway.user}.
     */
    @Bean(destroyMethod = "")
    @FlywayDataSource
    DataSource migrationDataSource(DataSource dataSource, DatabaseSettings.MigrationLogin login) {
        String flywayUser = login.user();
        if (dataSource instanceof EmbeddedDataSource e) {
            return e.owner != null ? e.owner : dataSource;
        }
        if (StringUtils.hasText(flywayUser) && dataSource instanceof HikariDataSource app) {
            // A short-lived, one-connection pool as the owner for the migrations (closed with the context).
            HikariConfig owner = new HikariConfig();
            owner.setPoolName("custodian-owner");
            owner.setJdbcUrl(app.getJdbcUrl());
            owner.setUsername(flywayUser);
            owner.setPassword(login.password());
            owner.setMaximumPoolSize(4);
            owner.setMinimumIdle(0);
            owner.setIdleTimeout(10_000);
            return new HikariDataSource(owner);
        }
        return dataSource;
    }

    /** For tests and callers outside Spring: no separate migration user. */
    DataSource migrationDataSource(DataSource dataSource) {
        return migrationDataSource(dataSource, new DatabaseSettings.MigrationLogin("", ""));
    }

    /**
     * The application's login role (HIPAA 45 CFR 164.312(a)(1), least privilege; issue 22): no superuser,
     * no role or database creation, and — with CREATE on schema public taken from PUBLIC — no DDL. Its
     * grants come after each migration ({@link AppRoleGrants}).
     */
    static void ensureAppRole(DataSource owner, String role, String password) {
        if (!role.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("custodian.db.app-role: a lower-case SQL name, not " + role);
        }
        try (java.sql.Connection c = owner.getConnection(); java.sql.Statement st = c.createStatement()) {
            boolean exists;
            try (var rs = st.executeQuery("select 1 from pg_roles where rolname = '" + role + "'")) {
                exists = rs.next();
            }
            String literal = "'" + password.replace("'", "''") + "'";
            st.execute((exists ? "alter role " + role + " with" : "create role " + role)
                    + " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password " + literal);
            st.execute("revoke create on schema public from public");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Could not set up the application's database role " + role, e);
        }
    }

    /**
     * The embedded server's password: {@code custodian.db.password} when set, otherwise a random one
     * kept owner-only beside the data directory ({@code postgres.password}), made on first start.
     */
    static String embeddedPassword(Path dir) {
        Path file = dir.toAbsolutePath().resolveSibling(dir.getFileName() + ".password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            String secret = java.util.HexFormat.of().formatHex(random);
            try {
                Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the embedded database password " + file, e);
        }
    }

    /**
     * initdb leaves the embedded server trusting every local connection as its superuser: any local
     * user or process could read and rewrite the charts and the audit log (issue 22, finding 9;
     * HIPAA 45 CFR 164.312(a)(1), 164.312(d)). The superuser gets the password, and every connection
     * must then give it (scram-sha-256); a data directory made before this is converted on start.
     */
    static void requirePassword(EmbeddedPostgres postgres, Path dir, String secret) {
        Path hba = dir.resolve("pg_hba.conf");
        try {
            String current = Files.readString(hba);
            boolean trusting = current.lines().map(String::strip)
                    .anyMatch(l -> !l.startsWith("#") && l.matches(".*\\btrust\\s*$"));
            if (!trusting) {
                return;
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres", secret); java.sql.Statement st = c.createStatement()) {
                st.execute("set password_encryption = 'scram-sha-256'");
                st.execute("alter role postgres password '" + secret.replace("'", "''") + "'");
                Files.writeString(hba, """
                        # Written by Custodian: every connection gives the password (scram-sha-256), none is trusted.
                        local all all scram-sha-256
                        host  all all 127.0.0.1/32 scram-sha-256
                        host  all all ::1/128 scram-sha-256
                        """);
                st.execute("select pg_reload_conf()");
            }
            log.info("Embedded PostgreSQL now requires its password for every connection");
        } catch (IOException | java.sql.SQLException e) {
            throw new IllegalStateException("Could not make the embedded PostgreSQL in " + dir + " require a password", e);
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dir, Path binDir, boolean clean, String secret) {
        try {
            Files.createDirectories(dir);
            stopOrphanedServer(dir);
            log.info("Starting embedded PostgreSQL with data in {}", dir.toAbsolutePath());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir.toFile())
                    .setCleanDataDirectory(clean)
                    .setOverrideWorkingDirectory(binDir.toFile())
                    // The library starts the server with -F (no fsync), fine for throwaway test
                    // databases, not for a chart: an acknowledged commit must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // The library's own connections (its start-up check) give the password too.
                    .setConnectConfig("password", secret)
                    // Spring closes the pool and then the server; the library's own JVM hook would
                    // stop the server under a context that is still closing.
                    .setRegisterShutdownHook(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    /**
     * A Custodian that was killed (kill -9, power loss of the JVM only) leaves its PostgreSQL
     * running on the data directory, and a new server cannot start there. Stop that orphan the way
     * an administrator would — a shutdown request, so PostgreSQL writes its checkpoint — and wait.
     */
    static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        if (!firstLine.matches("[0-9]+")) {
            return;
        }
        ProcessHandle.of(Long.parseLong(firstLine))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .ifPresent(orphan -> {
                    log.warn("An embedded PostgreSQL left by an earlier run still holds {}; stopping it", dir);
                    orphan.destroy(); // SIGTERM: PostgreSQL's smart shutdown; its clients are gone
                    try {
                        orphan.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the PostgreSQL server (pid " + orphan.pid()
                                + ") left on " + dir + " did not stop; stop it and start again", e);
                    }
                });
    }

    /**
     * The library extracts the PostgreSQL binaries world-writable: any local user could replace the
     * server that holds the charts (issue 22, finding 9). Owner-writable only: directories and
     * executables 0755, other files 0644.
     */
    static void closeToOthers(Path binDir) {
        if (!Files.isDirectory(binDir)) {
            return;
        }
        try (var paths = Files.walk(binDir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(p)) {
                    continue;
                }
                var perms = java.util.EnumSet.copyOf(Files.getPosixFilePermissions(p));
                if (perms.remove(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)
                        | perms.remove(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)) {
                    Files.setPosixFilePermissions(p, perms);
                }
            }
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system: its own access control applies.
        } catch (IOException e) {
            log.warn("Could not take write access to the PostgreSQL binaries in {} from other users: {}", binDir, e.getMessage());
        }
    }

    private static String redact(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    /** A pool that also stops the embedded server it runs on. */
    static final class EmbeddedDataSource extends HikariDataSource {
        private final EmbeddedPostgres postgres;
        private final Path throwaway;
        private final HikariDataSource owner;

        /**
         * {@code throwaway}: a data directory to delete after stopping (tests), or null to keep it;
         * {@code owner}: the owner's pool for migrations, or null when the application is the owner.
         */
        EmbeddedDataSource(HikariConfig config, EmbeddedPostgres postgres, Path throwaway, HikariDataSource owner) {
            super(config);
            this.postgres = postgres;
            this.throwaway = throwaway;
            this.owner = owner;
        }

        @Override
        public void close() {
            super.close();
            if (owner != null) {
                owner.close();
            }
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            if (throwaway != null) {
                FileSystemUtils.deleteRecursively(throwaway.toFile());
            }
        }
    }
}
