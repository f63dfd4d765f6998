package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.dao.DataAccessException;

/**
 * The embedded database with a non-superuser application role (issue 22; HIPAA 45 CFR 164.312(a)(1) least
 * privilege, 164.312(b) audit controls): Flyway migrates as the owner; the application's connections are
 * {@code custodian_app}, which reads and writes rows, appends to the audit log, and may neither UPDATE,
 * DELETE nor TRUNCATE an audit row (refused by grant, SQLSTATE 42501, before the append-only trigger) nor
 * create a table.
 */
class AppDatabaseRoleIT {

    @Test
    void theApplicationRoleHasDmlOnlyAndCannotRewriteTheAuditLog(@TempDir Path dir) throws Exception {
        String bin = System.getProperty("java.io.tmpdir") + "/custodian-test-postgres-bin";
        DatabaseConfiguration config = new DatabaseConfiguration();
        DataSource app = config.dataSource(
                new DatabaseSettings("", "", "", dir.resolve("postgres").toString(), bin, true, 2, "custodian_app"),
                CustodianSettings.defaults());
        try {
            DataSource owner = config.migrationDataSource(app);
            assertThat(owner).isNotSameAs(app);
            Flyway.configure().dataSource(owner).locations("classpath:db/migration").outOfOrder(true)
                    .callbacks(new AppRoleGrants("custodian_app")).load().migrate();

            JdbcTemplate jdbc = new JdbcTemplate(app);
            assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo("custodian_app");
            assertThat(jdbc.queryForObject("select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user",
                    Boolean.class)).isFalse();
            // Rows: read and write.
            jdbc.queryForObject("select count(*) from patient", Long.class);
            jdbc.update("update patient set given_name = given_name where false");
            jdbc.update("insert into audit_event select * from audit_event where false");
            jdbc.queryForObject("select nextval(pg_get_serial_sequence('patient', 'id'))", Long.class);
            // The audit log: no UPDATE, DELETE or TRUNCATE, whatever the rows.
            assertDenied(() -> jdbc.update("update audit_event set detail = detail where false"));
            assertDenied(() -> jdbc.update("delete from audit_event where false"));
            assertDenied(() -> jdbc.execute("truncate audit_event"));
            // No DDL, no history rewrite, no trigger games.
            assertDenied(() -> jdbc.execute("create table custodian_probe (i int)"));
            assertDenied(() -> jdbc.execute("alter table audit_event disable trigger user"));
            assertDenied(() -> jdbc.update("delete from flyway_schema_history where false"));
            assertDenied(() -> jdbc.execute("set session_replication_role = replica"));

            // The owner still may (and the append-only trigger is what stops it then).
            new JdbcTemplate(owner).update("delete from audit_event where false");
        } finally {
            ((AutoCloseable) app).close();
        }
    }

    private static void assertDenied(Runnable statement) {
        assertThatThrownBy(statement::run).isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(sqlState(e)).as(e.getMessage()).isEqualTo("42501"));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s.getSQLState();
            }
        }
        return null;
    }
}
