package org.custodian.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.custodian.CustodianApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The scaffold of the in-process benchmarks: a fresh embedded PostgreSQL in a temporary directory, sized for bulk
 * fixtures; Custodian started on it without a web server, demo, administrator or bundled code sets; everything
 * removed on close.
 */
final class BenchDatabase implements AutoCloseable {

    private final Path dataDir;
    private final EmbeddedPostgres pg;

    private BenchDatabase(Path dataDir, EmbeddedPostgres pg) {
        this.dataDir = dataDir;
        this.pg = pg;
    }

    /** Starts the server ({@code name} names the temporary directory) with these shared_buffers and work_mem. */
    static BenchDatabase start(String name, String sharedBuffers, String workMem) throws IOException {
        Path dataDir = Files.createTempDirectory("custodian-bench-" + name + "-");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres").toFile()).setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-bin").toFile())
                .setServerConfig("shared_buffers", sharedBuffers).setServerConfig("work_mem", workMem).start();
        return new BenchDatabase(dataDir, pg);
    }

    String url() {
        return pg.getJdbcUrl("postgres", "postgres");
    }

    Path dataDir() {
        return dataDir;
    }

    /** Custodian on this database (migrated on start); close it when done. */
    ConfigurableApplicationContext application() {
        return new SpringApplicationBuilder(CustodianApplication.class)
                .web(WebApplicationType.NONE).run("--custodian.db.url=" + url(), "--custodian.db.user=postgres",
                        "--custodian.db.password=", "--custodian.demo.enabled=false", "--custodian.admin.bootstrap=false",
                        "--custodian.coding.load-bundled=false", "--custodian.data-dir=" + dataDir,
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN");
    }

    /** The benchmark's own calls run as "bench" holding {@code authorities} (the services check permissions). */
    static void runAs(String... authorities) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("bench", null,
                AuthorityUtils.createAuthorityList(authorities)));
    }

    @Override
    public void close() throws IOException {
        pg.close();
        try (var paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
