package org.custodian.staff.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.privacy.FieldEncryption;
import org.custodian.privacy.SecondFactor;
import org.custodian.staff.SecondFactorStatus;
import org.custodian.staff.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The TOTP second factor of staff accounts (HIPAA 45 CFR 164.312(d), person authentication): who owes
 * one ({@link SecondFactorPolicy}, or an administrator's reset), enrolment with recovery codes, checking
 * a code once (RFC 6238 section 5.2), and the administrator's reset. Every change is audited.
 */
@Component
class JdbcSecondFactors implements SecondFactor {

    static final int RECOVERY_CODES = 10;
    /** The associated data of an encrypted TOTP secret: it decrypts in this column only. */
    static final String SECRET_CONTEXT = "staff_second_factor.secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a code entered at sign-in turned out to be. */
    enum Check { TOTP, RECOVERY_CODE, WRONG }

    private final JdbcClient jdbc;
    private final JdbcStaffDirectory directory;
    private final SecondFactorPolicy policy;
    private final AuditTrail audit;
    private final Clock clock;
    private final FieldEncryption encryption;

    JdbcSecondFactors(JdbcClient jdbc, JdbcStaffDirectory directory, SecondFactorPolicy policy, AuditTrail audit, Clock clock,
                      FieldEncryption encryption) {
        this.encryption = encryption;
        this.jdbc = jdbc;
        this.directory = directory;
        this.policy = policy;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Step after(String username) {
        Optional<StaffMember> member = directory.member(username);
        if (member.isEmpty()) {
            return Step.NONE;
        }
        SecondFactorStatus status = status(member.get());
        if (status.enrolled()) {
            return Step.VERIFY;
        }
        return status.required() ? Step.ENROL : Step.NONE;
    }

    SecondFactorStatus status(String username) {
        return status(directory.member(username).orElseThrow());
    }

    private SecondFactorStatus status(StaffMember member) {
        Instant enrolledAt = jdbc.sql("select enrolled_at from staff_second_factor where user_id = ?")
                .param(member.id()).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant).orElse(null);
        int left = jdbc.sql("select count(*) from staff_recovery_code where user_id = ? and used_at is null")
                .param(member.id()).query(Integer.class).single();
        boolean flagged = jdbc.sql("select second_factor_required from staff_user where id = ?")
                .param(member.id()).query(Boolean.class).single();
        return new SecondFactorStatus(enrolledAt != null, enrolledAt, left, flagged || policy.requires(member.roles()));
    }

    /**
     * Enrols {@code secret}, whose code of time step {@code step} the user has just entered, replacing any
     * earlier authenticator and recovery codes; returns the new recovery codes, shown once.
     */
    @Transactional
    List<String> enrol(String username, String secret, long step) {
        long id = directory.member(username).orElseThrow().id();
        jdbc.sql("""
                insert into staff_second_factor (user_id, secret, enrolled_at, last_step) values (:id, :secret, :now, :step)
                on conflict (user_id) do update set secret = :secret, enrolled_at = :now, last_step = :step""")
                .param("id", id).param("secret", encryption.encrypt(secret, SECRET_CONTEXT)).param("now", utc(clock.instant())).param("step", step).update();
        jdbc.sql("update staff_user set second_factor_required = false where id = ?").param(id).update();
        List<String> codes = newRecoveryCodes(id);
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, null, "StaffSecondFactor", username,
                "authenticator enrolled; " + RECOVERY_CODES + " recovery codes issued");
        return codes;
    }

    /** Checks a code entered at sign-in: a TOTP code not used before, or an unused recovery code (then used up). */
    @Transactional
    Check check(String username, String entered) {
        long id = directory.member(username).orElseThrow().id();
        String code = entered == null ? "" : entered.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        if (code.matches("\\d{" + Totp.DIGITS + "}")) {
            var row = jdbc.sql("select secret, last_step from staff_second_factor where user_id = ? for update")
                    .param(id).query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)}).optional();
            if (row.isEmpty()) {
                return Check.WRONG;
            }
            OptionalLong step = Totp.verify(encryption.decrypt((String) row.get()[0], SECRET_CONTEXT), code, clock.instant(), (Long) row.get()[1]);
            if (step.isPresent()) {
                jdbc.sql("update staff_second_factor set last_step = ? where user_id = ?").params(step.getAsLong(), id).update();
                return Check.TOTP;
            }
            return Check.WRONG;
        }
        if (code.length() < 10 || code.length() > 64) {
            return Check.WRONG;
        }
        int used = jdbc.sql("update staff_recovery_code set used_at = ? where user_id = ? and code_hash = ? and used_at is null")
                .params(utc(clock.instant()), id, hash(code)).update();
        return used == 1 ? Check.RECOVERY_CODE : Check.WRONG;
    }

    /** The administrator's reset: the authenticator and recovery codes are gone and the account enrols again at its next sign-in. */
    @Transactional
    void reset(String username) {
        long id = directory.member(username).orElseThrow().id();
        jdbc.sql("delete from staff_second_factor where user_id = ?").param(id).update();
        jdbc.sql("delete from staff_recovery_code where user_id = ?").param(id).update();
        jdbc.sql("update staff_user set second_factor_required = true where id = ?").param(id).update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffSecondFactor", username,
                "second factor reset: enrols again at next sign-in");
    }

    /**
     * Rewrites every TOTP secret not yet under the current data key (written before encryption, or under a
     * rotated-out key) and returns how many; run at start ({@link SecretsAtRest}).
     */
    @Transactional
    int reEncrypt() {
        int n = 0;
        for (var row : jdbc.sql("select user_id, secret from staff_second_factor for update")
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)}).list()) {
            String stored = (String) row[1];
            if (!encryption.isCurrent(stored)) {
                jdbc.sql("update staff_second_factor set secret = ? where user_id = ?")
                        .params(encryption.encrypt(encryption.decrypt(stored, SECRET_CONTEXT), SECRET_CONTEXT), row[0]).update();
                n++;
            }
        }
        return n;
    }

    private List<String> newRecoveryCodes(long id) {
        jdbc.sql("delete from staff_recovery_code where user_id = ?").param(id).update();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[7];
            RANDOM.nextBytes(bytes);
            String code = Base32.encode(bytes).toLowerCase(Locale.ROOT).substring(0, 10); // 50 bits
            jdbc.sql("insert into staff_recovery_code (user_id, code_hash) values (?, ?)").params(id, hash(code)).update();
            codes.add(code.substring(0, 5) + "-" + code.substring(5));
        }
        return codes;
    }

    static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
