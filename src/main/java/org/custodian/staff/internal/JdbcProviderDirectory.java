package org.custodian.staff.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.staff.MedicalStaffStatus;
import org.custodian.staff.NewPractitioner;
import org.custodian.staff.Npi;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcProviderDirectory implements ProviderDirectory {

    private static final String COLUMNS = "id, npi, name, credentials, specialty, department, staff_status, username";

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    JdbcProviderDirectory(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<Practitioner> all() {
        return jdbc.sql("select " + COLUMNS + " from practitioner order by lower(name), id").query(this::row).list();
    }

    @Override
    public Optional<Practitioner> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from practitioner where id = ?").param(id).query(this::row).optional();
    }

    @Override
    public Map<Long, Practitioner> byIds(Collection<Long> ids) {
        Map<Long, Practitioner> found = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("select " + COLUMNS + " from practitioner where id = any(:ids)")
                .param("ids", ids.stream().distinct().toArray(Long[]::new))
                .query(this::row).list().forEach(p -> found.put(p.id(), p));
        return found;
    }

    @Override
    public Optional<Practitioner> byNpi(String npi) {
        return jdbc.sql("select " + COLUMNS + " from practitioner where npi = ?").param(npi).query(this::row).optional();
    }

    @Override
    public Optional<Practitioner> byUsername(String username) {
        return jdbc.sql("select " + COLUMNS + " from practitioner where username = ?").param(username).query(this::row).optional();
    }

    @Override
    @Transactional
    public Practitioner add(NewPractitioner p) {
        if (!Npi.valid(p.npi())) {
            throw new IllegalArgumentException("npi: not a valid NPI (its check digit fails, 45 CFR 162.406)");
        }
        if (byNpi(p.npi()).isPresent()) {
            throw new IllegalArgumentException("npi: already in the directory");
        }
        if (p.username() != null) {
            if (jdbc.sql("select count(*) from staff_user where username = ?").param(p.username()).query(Long.class).single() == 0) {
                throw new IllegalArgumentException("username: no such staff account");
            }
            if (byUsername(p.username()).isPresent()) {
                throw new IllegalArgumentException("username: already linked to another practitioner");
            }
        }
        MedicalStaffStatus status = p.status() == null ? MedicalStaffStatus.ACTIVE : p.status();
        // A practitioner first known from chart text under the same name takes the NPI, keeping its references.
        Optional<Long> unverified = jdbc.sql("select id from practitioner where npi is null and lower(name) = lower(?) order by id limit 1")
                .param(p.name().trim()).query(Long.class).optional();
        long id;
        if (unverified.isPresent()) {
            id = unverified.get();
            jdbc.sql("""
                    update practitioner set npi = :npi, name = :name, credentials = :credentials, specialty = :specialty,
                           department = :department, staff_status = :status, username = :username where id = :id""")
                    .param("npi", p.npi()).param("name", p.name().trim()).param("credentials", p.credentials())
                    .param("specialty", p.specialty()).param("department", p.department()).param("status", status.name())
                    .param("username", p.username()).param("id", id).update();
        } else {
            id = jdbc.sql("""
                    insert into practitioner (npi, name, credentials, specialty, department, staff_status, username)
                    values (:npi, :name, :credentials, :specialty, :department, :status, :username) returning id""")
                    .param("npi", p.npi()).param("name", p.name().trim()).param("credentials", p.credentials())
                    .param("specialty", p.specialty()).param("department", p.department()).param("status", status.name())
                    .param("username", p.username()).query(Long.class).single();
        }
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "Practitioner", id, "provider directory entry");
        return find(id).orElseThrow();
    }

    @Override
    @Transactional
    public Map<String, Long> resolveNames(Collection<String> names) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String n : names) {
            if (n != null && !n.isBlank()) {
                wanted.add(n.trim());
            }
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        if (wanted.isEmpty()) {
            return ids;
        }
        String[] array = wanted.toArray(String[]::new);
        // New names first (one statement), then every name's entry (the oldest of a name wins).
        jdbc.sql("""
                insert into practitioner (name, staff_status)
                select n, 'UNVERIFIED' from (select distinct unnest(cast(:names as text[])) n) w
                where not exists (select 1 from practitioner p where lower(p.name) = lower(w.n))""")
                .param("names", array).update();
        jdbc.sql("""
                select distinct on (lower(w.n)) w.n, p.id
                from unnest(cast(:names as text[])) w(n) join practitioner p on lower(p.name) = lower(w.n)
                order by lower(w.n), p.npi is null, p.id""")
                .param("names", array).query((rs, i) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        // distinct on lower(name) leaves one spelling; map every spelling given.
        Map<String, Long> byLower = new LinkedHashMap<>();
        ids.forEach((k, v) -> byLower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        Map<String, Long> result = new LinkedHashMap<>();
        for (String n : wanted) {
            result.put(n, byLower.get(n.toLowerCase(java.util.Locale.ROOT)));
        }
        return result;
    }

    @Override
    @Transactional
    public long resolveNpi(String npi, String name) {
        Optional<Practitioner> known = byNpi(npi);
        if (known.isPresent()) {
            return known.get().id();
        }
        if (!Npi.valid(npi)) {
            throw new IllegalArgumentException("npi: not a valid NPI (its check digit fails, 45 CFR 162.406)");
        }
        String n = name == null || name.isBlank() ? "NPI " + npi : name.trim();
        Optional<Long> unverified = jdbc.sql("select id from practitioner where npi is null and lower(name) = lower(?) order by id limit 1")
                .param(n).query(Long.class).optional();
        if (unverified.isPresent()) {
            jdbc.sql("update practitioner set npi = ?, staff_status = 'ACTIVE' where id = ?").params(npi, unverified.get()).update();
            return unverified.get();
        }
        return jdbc.sql("insert into practitioner (npi, name, staff_status) values (?, ?, 'ACTIVE') returning id")
                .params(npi, n).query(Long.class).single();
    }

    private Practitioner row(ResultSet rs, int i) throws SQLException {
        return new Practitioner(rs.getLong("id"), rs.getString("npi"), rs.getString("name"), rs.getString("credentials"),
                rs.getString("specialty"), rs.getString("department"), MedicalStaffStatus.valueOf(rs.getString("staff_status")),
                rs.getString("username"));
    }
}
