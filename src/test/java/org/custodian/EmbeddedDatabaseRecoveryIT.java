package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed with its database still up must not keep the next run from starting. */
class EmbeddedDatabaseRecoveryIT {

    @Test
    void aServerLeftOnTheDataDirectoryIsStoppedAndTheDataKept(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("postgres");
        Files.createDirectories(data);
        EmbeddedPostgres orphan = EmbeddedPostgres.builder().setDataDirectory(data.toFile())
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
        try (Connection c = orphan.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create table kept (v text); insert into kept values ('still here')");
        }
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(pid)).isPresent();
        // The JVM that owned it is "gone": nobody calls orphan.close().

        DatabaseConfiguration.stopOrphanedServer(data);

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        // A dead JVM's file locks die with it; in this one, release the library's lock by hand.
        try {
            orphan.close();
        } catch (Exception alreadyStopped) {
            // the server is gone already: that was the point
        }
        try (EmbeddedPostgres next = EmbeddedPostgres.builder().setDataDirectory(data.toFile())
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start();
             Connection c = next.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aStalePidFileOfAnotherProgramIsLeftAlone(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");
        DatabaseConfiguration.stopOrphanedServer(tmp);
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }
}
