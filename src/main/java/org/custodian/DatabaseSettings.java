package org.custodian;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.db.*}: the PostgreSQL server ({@code url}, {@code user}, {@code password}), or, with no URL, the
 * embedded one under {@code custodian.data-dir}.
 *
 * @param url            JDBC URL of a server; empty: the embedded PostgreSQL
 * @param embeddedDir    data directory of the embedded server; empty: {@code <data-dir>/postgres}
 * @param embeddedBinDir where its binaries are unpacked; empty: {@code <data-dir>/postgres-bin}
 * @param embeddedClean  start the embedded database empty and delete it on close (tests)
 * @param poolSize       the application's connection pool
 * @param appRole        the embedded database's DML-only application role (empty: connect as the owner); on a
 *                       server, the role granted its rights after each migration when it exists
 */
@Validated
@ConfigurationProperties("custodian.db")
public record DatabaseSettings(@DefaultValue("") String url,
                               @DefaultValue("") String user,
                               @DefaultValue("") String password,
                               @DefaultValue("") String embeddedDir,
                               @DefaultValue("") String embeddedBinDir,
                               @DefaultValue("false") boolean embeddedClean,
                               @DefaultValue("10") @Min(1) int poolSize,
                               @DefaultValue("custodian_app") @Pattern(regexp = "|[a-z_][a-z0-9_]{0,62}",
                                       message = "a lower-case SQL name, or empty") String appRole) {

    /** Whether no server is named: Custodian runs its own embedded PostgreSQL. */
    public boolean embedded() {
        return url == null || url.isBlank();
    }

    String embeddedDir(String dataDir) {
        return embeddedDir == null || embeddedDir.isBlank() ? dataDir + "/postgres" : embeddedDir;
    }

    String embeddedBinDir(String dataDir) {
        return embeddedBinDir == null || embeddedBinDir.isBlank() ? dataDir + "/postgres-bin" : embeddedBinDir;
    }

    /** The application role's name, trimmed; empty for none. */
    String role() {
        return appRole == null ? "" : appRole.strip();
    }

    /**
     * {@code spring.flyway.user} and {@code .password}: the owner Flyway migrates as on a server, when the
     * application's own login may not change the schema (docs/operations.md).
     */
    @ConfigurationProperties("spring.flyway")
    public record MigrationLogin(@DefaultValue("") String user, @DefaultValue("") String password) {
    }
}
