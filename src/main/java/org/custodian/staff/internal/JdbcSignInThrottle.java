package org.custodian.staff.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.custodian.privacy.SignInThrottle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sign-in throttling kept in the database (so that the CLI's {@code unlock} reaches a running
 * server), per username-and-address and per address. Issue 22, finding 3: five wrong passwords
 * every 15 minutes kept {@code admin} locked out for good when the lock was per account; now they
 * slow only the address they come from (HIPAA 45 CFR 164.308(a)(5)(ii)(C), 164.312(d)).
 */
@Component
class JdbcSignInThrottle implements SignInThrottle {

    static final String ACCOUNT_ADDRESS = "ACCOUNT_ADDRESS";
    static final String ADDRESS = "ADDRESS";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ThrottlePolicy perAccount;
    private final ThrottlePolicy perAddress;

    JdbcSignInThrottle(JdbcClient jdbc, Clock clock,
                       SignInSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.perAccount = new ThrottlePolicy(settings.maxFailedLogins(), settings.throttleBase(), settings.lockout());
        this.perAddress = new ThrottlePolicy(settings.addressMaxFailedLogins(), settings.throttleBase(), settings.lockout());
    }

    static String accountKey(String username, String address) {
        String u = username == null ? "" : username.length() > 128 ? username.substring(0, 128) : username;
        return u + "\n" + address;
    }

    @Override
    public Duration refusedFor(String username, String address) {
        Instant now = clock.instant();
        OffsetDateTime until = jdbc.sql("""
                select max(blocked_until) from staff_sign_in_throttle
                 where (scope = 'ACCOUNT_ADDRESS' and key = :pair) or (scope = 'ADDRESS' and key = :address)""")
                .param("pair", accountKey(username, address)).param("address", String.valueOf(address))
                .query(OffsetDateTime.class).optional().orElse(null);
        return until == null || !until.toInstant().isAfter(now) ? Duration.ZERO : Duration.between(now, until.toInstant());
    }

    /** A failed sign-in as {@code username} from {@code address}; returns when attempts of this pair are refused until, or null. */
    Instant failed(String username, String address) {
        Instant now = clock.instant();
        jdbc.sql("delete from staff_sign_in_throttle where last_failure < :old and coalesce(blocked_until, '-infinity') < :now")
                .param("old", utc(now.minus(Duration.ofDays(1)))).param("now", utc(now)).update();
        Instant pair = count(ACCOUNT_ADDRESS, accountKey(username, address), perAccount, now);
        count(ADDRESS, String.valueOf(address), perAddress, now);
        return pair;
    }

    /** A good sign-in clears its own pair's failures (not the address's: an attacker's own account must not reset them). */
    void succeeded(String username, String address) {
        jdbc.sql("delete from staff_sign_in_throttle where scope = 'ACCOUNT_ADDRESS' and key = ?")
                .param(accountKey(username, address)).update();
    }

    /** Unlock: every address's refusal of this username ends. */
    void clear(String username) {
        String prefix = username + "\n";
        jdbc.sql("delete from staff_sign_in_throttle where scope = 'ACCOUNT_ADDRESS' and left(key, length(:prefix)) = :prefix")
                .param("prefix", prefix).update();
    }

    private Instant count(String scope, String key, ThrottlePolicy policy, Instant now) {
        int failures = jdbc.sql("""
                insert into staff_sign_in_throttle (scope, key, failures, last_failure) values (:scope, :key, 1, :now)
                on conflict (scope, key) do update set
                    failures = case when staff_sign_in_throttle.last_failure < :forgotten
                                     and coalesce(staff_sign_in_throttle.blocked_until, '-infinity') <= :now
                                    then 1 else staff_sign_in_throttle.failures + 1 end,
                    last_failure = :now
                returning failures""")
                .param("scope", scope).param("key", key).param("now", utc(now))
                .param("forgotten", utc(now.minus(policy.cap())))
                .query(Integer.class).single();
        Duration refusal = policy.refusalAfter(failures);
        if (refusal.isZero()) {
            return null;
        }
        Instant until = now.plus(refusal);
        jdbc.sql("update staff_sign_in_throttle set blocked_until = :until where scope = :scope and key = :key")
                .param("until", utc(until)).param("scope", scope).param("key", key).update();
        return until;
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
