package org.custodian.staff.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.privacy.Role;
import org.custodian.staff.NewStaffMember;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.StaffMember;
import org.custodian.staff.StaffNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcStaffDirectory implements StaffDirectory {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;
    private final Clock clock;
    private final JdbcSignInThrottle throttle;

    JdbcStaffDirectory(JdbcClient jdbc, PasswordEncoder encoder, AuditTrail audit, Clock clock, JdbcSignInThrottle throttle) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.throttle = throttle;
    }

    @Override
    public List<StaffMember> all() {
        return members();
    }

    @Override
    public Optional<StaffMember> find(String username) {
        return member(username);
    }

    /** Every account, for the module's own work (the team's credentials); not an API: no permission is checked. */
    List<StaffMember> members() {
        return load("order by u.username", Map.of());
    }

    /** One account, for sign-in and the second factor, before anyone is authenticated; no permission is checked. */
    Optional<StaffMember> member(String username) {
        return load("where u.username = :username", Map.of("username", username)).stream().findFirst();
    }

    /** The stored hash, for authentication only. */
    Optional<String> passwordHash(String username) {
        return jdbc.sql("select password_hash from staff_user where username = ?")
                .param(username).query(String.class).optional();
    }

    @Override
    @Transactional
    public StaffMember create(NewStaffMember m) {
        try {
            long id = jdbc.sql("""
                    insert into staff_user (username, full_name, password_hash) values (?, ?, ?) returning id""")
                    .params(m.username(), m.fullName(), encoder.encode(m.password()))
                    .query(Long.class).single();
            insertRoles(id, m.roles());
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("username '" + m.username() + "' is taken");
        }
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffUser", m.username(),
                "created with roles " + sorted(m.roles()));
        return require(m.username());
    }

    @Override
    @Transactional
    public StaffMember setRoles(String username, Set<Role> roles) {
        long id = require(username).id();
        jdbc.sql("delete from staff_user_role where user_id = ?").param(id).update();
        insertRoles(id, roles);
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffUser", username, "roles set to " + sorted(roles));
        return require(username);
    }

    @Override
    public StaffMember setEnabled(String username, boolean enabled) {
        require(username);
        jdbc.sql("update staff_user set enabled = ? where username = ?").params(enabled, username).update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffUser", username, enabled ? "enabled" : "disabled");
        return require(username);
    }

    @Override
    public StaffMember unlock(String username) {
        require(username);
        throttle.clear(username);
        jdbc.sql("update staff_user set failed_logins = 0, locked_until = null where username = ?").param(username).update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffUser", username, "unlocked");
        return require(username);
    }

    @Override
    public void resetPassword(String username, String newPassword) {
        if (newPassword == null || newPassword.length() < 12) {
            throw new IllegalArgumentException("password: at least 12 characters");
        }
        require(username);
        jdbc.sql("update staff_user set password_hash = ? where username = ?").params(encoder.encode(newPassword), username).update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffUser", username, "password reset");
    }

    /**
     * A failed sign-in, for the administrator's view: the count goes up, and {@code refusedUntil}
     * (when the throttle now refuses this username from the failing address) shows as the lock.
     * Sign-in itself is refused by the throttle, per address, never by this column
     * (HIPAA 164.308(a)(5)(ii)(C), log-in monitoring).
     */
    void recordFailedLogin(String username, Instant refusedUntil) {
        jdbc.sql("""
                update staff_user
                   set failed_logins = failed_logins + 1,
                       locked_until = case when cast(:until as timestamptz) is null then locked_until
                                           else greatest(locked_until, cast(:until as timestamptz)) end
                 where username = :username""")
                .param("until", refusedUntil == null ? null : refusedUntil.atOffset(ZoneOffset.UTC))
                .param("username", username)
                .update();
    }

    void recordSuccessfulLogin(String username) {
        jdbc.sql("update staff_user set failed_logins = 0, locked_until = null where username = ? and (failed_logins > 0 or locked_until is not null)")
                .param(username).update();
    }

    private StaffMember require(String username) {
        return find(username).orElseThrow(() -> new StaffNotFoundException(username));
    }

    private void insertRoles(long id, Set<Role> roles) {
        for (Role role : roles) {
            jdbc.sql("insert into staff_user_role (user_id, role) values (?, ?)").params(id, role.name()).update();
        }
    }

    private static String sorted(Set<Role> roles) {
        return EnumSet.copyOf(roles).toString();
    }

    private List<StaffMember> load(String where, Map<String, ?> params) {
        Map<Long, Object[]> rows = new LinkedHashMap<>();
        jdbc.sql("""
                select u.id, u.username, u.full_name, u.enabled, u.failed_logins, u.locked_until, u.created_at, r.role
                from staff_user u left join staff_user_role r on r.user_id = u.id\s""" + where)
                .params(params)
                .query(rs -> {
                    Object[] row = rows.computeIfAbsent(rs.getLong(1), id -> {
                        try {
                            OffsetDateTime locked = rs.getObject(6, OffsetDateTime.class);
                            return new Object[] {id, rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getInt(5),
                                    locked == null ? null : locked.toInstant(),
                                    rs.getObject(7, OffsetDateTime.class).toInstant(), EnumSet.noneOf(Role.class)};
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    String role = rs.getString(8);
                    if (role != null) {
                        @SuppressWarnings("unchecked")
                        Set<Role> roles = (Set<Role>) row[7];
                        roles.add(Role.valueOf(role));
                    }
                });
        List<StaffMember> result = new ArrayList<>();
        for (Object[] r : rows.values()) {
            @SuppressWarnings("unchecked")
            Set<Role> roles = (Set<Role>) r[7];
            result.add(new StaffMember((Long) r[0], (String) r[1], (String) r[2], roles, (Boolean) r[3],
                    (Integer) r[4], (Instant) r[5], (Instant) r[6]));
        }
        return result;
    }
}
