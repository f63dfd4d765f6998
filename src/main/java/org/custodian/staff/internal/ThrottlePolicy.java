package org.custodian.staff.internal;

import java.time.Duration;

/**
 * How long sign-in attempts are refused after failures (HIPAA 45 CFR 164.308(a)(5)(ii)(C), log-in
 * monitoring): nothing below {@code maxFailures}; then {@code base}, doubling with each further
 * failure, never more than {@code cap}. A refusal always runs out, so nobody is locked out for good;
 * failures are forgotten after {@code cap} without one.
 */
record ThrottlePolicy(int maxFailures, Duration base, Duration cap) {

    ThrottlePolicy {
        if (maxFailures < 1 || base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("throttle: maxFailures >= 1 and 0 < base <= cap");
        }
    }

    Duration refusalAfter(int failures) {
        if (failures < maxFailures) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - maxFailures, 30);
        Duration d = base.multipliedBy(1L << doublings);
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
