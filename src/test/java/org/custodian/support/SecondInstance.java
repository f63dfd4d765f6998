package org.custodian.support;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.custodian.CustodianApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another Custodian instance (an application context without a web server) on the test's PostgreSQL
 * server: on the very same database as the test's own context (two instances on one database), or on a
 * fresh database of its own (a restore target), which {@link #dropDatabase} removes afterwards.
 */
public final class SecondInstance {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    private SecondInstance() {
    }

    /** Starts an instance on the database of {@code shared}'s pool (or on {@code database} of its server). */
    public static ConfigurableApplicationContext start(DataSource shared, String database, String dataDir, String... more) {
        HikariDataSource pool = (HikariDataSource) shared;
        List<String> args = new ArrayList<>(List.of(
                "--custodian.db.url=" + url(pool, database),
                "--custodian.db.user=" + pool.getUsername(),
                "--custodian.db.password=" + pool.getPassword(),
                "--custodian.db.pool-size=4",
                "--custodian.data-dir=" + dataDir,
                // Every instance on a database holds its data key (the SSNs and TOTP secrets in it are encrypted).
                "--custodian.security.data-key=" + testDataKey(),
                "--custodian.demo.enabled=false",
                "--custodian.admin.bootstrap=false",
                "--custodian.coding.load-bundled=false",
                "--custodian.mllp.enabled=false",
                "--custodian.coding.drg-refresh-interval=0",
                "--custodian.coding.reconcile-interval=0",
                "--custodian.completion.escalation-check-every=0",
                "--custodian.events.retry-interval=0",
                "--custodian.audit.checkpoints.check-every=0",
                "--spring.modulith.events.republish-outstanding-events-on-restart=false",
                "--custodian.sso.issuer=",
                "--custodian.api.tokens.issuer=",
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN"));
        // A setting given in more replaces the default above (a property given twice would read "a,b").
        for (String m : more) {
            String key = m.contains("=") ? m.substring(0, m.indexOf('=') + 1) : m;
            args.removeIf(a -> a.startsWith(key));
        }
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(CustodianApplication.class).web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
    }

    /** The test profile's data key (application-test.properties). */
    public static String testDataKey() {
        java.util.Properties p = new java.util.Properties();
        try (var in = SecondInstance.class.getResourceAsStream("/application-test.properties")) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p.getProperty("custodian.security.data-key");
    }

    /** Creates an empty database on the server of {@code shared}'s pool and returns its name. */
    public static String createDatabase(DataSource shared) throws SQLException {
        String name = "custodian_drill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin(shared, "create database " + name);
        return name;
    }

    public static void dropDatabase(DataSource shared, String name) throws SQLException {
        admin(shared, "drop database if exists " + name + " with (force)");
    }

    private static void admin(DataSource shared, String sql) throws SQLException {
        HikariDataSource pool = (HikariDataSource) shared;
        try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String url(HikariDataSource pool, String database) {
        if (database == null) {
            return pool.getJdbcUrl();
        }
        Matcher m = URL.matcher(pool.getJdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("unexpected JDBC URL form");
        }
        return m.group(1) + database + m.group(3);
    }
}
