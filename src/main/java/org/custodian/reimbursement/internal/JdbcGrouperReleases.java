package org.custodian.reimbursement.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The grouper releases kept by {@code load-grouper} (V140): stored in one transaction, read at start-up. */
@Component
public class JdbcGrouperReleases {

    private final JdbcClient jdbc;

    JdbcGrouperReleases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A kept release: its version, fiscal year, checksum and when it was loaded. */
    public record Stored(String version, int fiscalYear, String sha256, String source, OffsetDateTime loadedAt) {
    }

    /** Keeps a validated release, replacing the same version; true when it changed. */
    @Transactional
    public boolean store(GrouperRelease r, String source) {
        String sha = sha256(r.files());
        String old = jdbc.sql("select sha256 from reimbursement_grouper_release where version = ?")
                .param(r.version()).query(String.class).optional().orElse(null);
        if (sha.equals(old)) {
            return false;
        }
        jdbc.sql("delete from reimbursement_grouper_release where version = ? or fiscal_year = ?")
                .params(r.version(), r.fiscalYear()).update();
        jdbc.sql("insert into reimbursement_grouper_release (version, fiscal_year, sha256, source, loaded_at)"
                + " values (?, ?, ?, ?, ?)")
                .params(r.version(), r.fiscalYear(), sha, source, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC))
                .update();
        r.files().forEach((name, bytes) -> jdbc.sql(
                "insert into reimbursement_grouper_file (version, name, content) values (?, ?, ?)")
                .params(r.version(), name, bytes).update());
        return true;
    }

    /** Every kept release, oldest fiscal year first. */
    public List<Stored> list() {
        return jdbc.sql("select version, fiscal_year, sha256, source, loaded_at from reimbursement_grouper_release"
                + " order by fiscal_year").query(Stored.class).list();
    }

    /** The kept releases with their files, oldest fiscal year first. */
    public List<GrouperRelease> releases() {
        List<GrouperRelease> out = new ArrayList<>();
        for (Stored s : list()) {
            Map<String, byte[]> files = new LinkedHashMap<>();
            jdbc.sql("select name, content from reimbursement_grouper_file where version = ? order by name")
                    .param(s.version())
                    .query((rs, i) -> files.put(rs.getString(1), rs.getBytes(2))).list();
            out.add(GrouperRelease.of(files));
        }
        return out;
    }

    /** Removes a kept release (tests; a wrong release is replaced by loading the right one). */
    public void delete(String version) {
        jdbc.sql("delete from reimbursement_grouper_release where version = ?").param(version).update();
    }

    static String sha256(Map<String, byte[]> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : new TreeMap<>(files).entrySet()) {
                md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(e.getValue());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
