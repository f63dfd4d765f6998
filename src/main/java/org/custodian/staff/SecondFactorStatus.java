package org.custodian.staff;

import java.time.Instant;

/**
 * An account's second factor (TOTP), for its owner's and the administrator's pages: whether an
 * authenticator is enrolled and since when, how many recovery codes are left, and whether the
 * account must have one (its roles under the policy, or an administrator's reset).
 */
public record SecondFactorStatus(boolean enrolled, Instant enrolledAt, int recoveryCodesLeft, boolean required) {
}
