package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22, finding 9: the embedded PostgreSQL's binaries were extracted world-writable, so any
 * local user could swap the server that holds the charts (HIPAA 45 CFR 164.312(c)(1), integrity).
 */
class LocalHardeningIT {

    /** Issue 22, finding 9: initdb's "trust" let any local connection in as the superuser, password or not. */
    @Test
    void theEmbeddedDatabaseRefusesAConnectionWithoutItsPassword(@TempDir Path dir) throws Exception {
        String bin = System.getProperty("java.io.tmpdir") + "/custodian-test-postgres-bin";
        javax.sql.DataSource ds = new DatabaseConfiguration().dataSource(
                new DatabaseSettings("", "", "", dir.resolve("postgres").toString(), bin, true, 2, ""), CustodianSettings.defaults());
        try {
            String url = ((com.zaxxer.hikari.HikariDataSource) ds).getJdbcUrl();
            try (var c = ds.getConnection(); var rs = c.createStatement().executeQuery("select 1")) {
                assertThat(rs.next()).isTrue();
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", "").close())
                    .isInstanceOf(java.sql.SQLException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "postgres", "postgres").close())
                    .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("password authentication failed");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("postgres.password")))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(bin)))).doesNotMatch(".......w.");
        } finally {
            ((AutoCloseable) ds).close();
        }
    }

    @Test
    void theEmbeddedBinariesAreWritableByTheirOwnerOnly(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("pg/bin"));
        Path postgres = Files.createFile(bin.resolve("postgres"));
        Path share = Files.createFile(dir.resolve("pg/share.txt"));
        for (Path p : new Path[] {dir.resolve("pg"), bin}) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Files.setPosixFilePermissions(postgres, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(share, PosixFilePermissions.fromString("rw-rw-rw-"));

        DatabaseConfiguration.closeToOthers(dir.resolve("pg"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pg")))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bin))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(postgres))).isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(share))).isEqualTo("rw-r--r--");
    }
}
