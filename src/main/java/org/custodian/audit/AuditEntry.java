package org.custodian.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One touch of patient data or one security event, as given to {@link AuditLog}: who, in which
 * roles, which patient, which resource, what, why (purpose of use), when, from where, outcome.
 * The log adds the sequence number and the hash chain.
 */
public record AuditEntry(
        Instant occurredAt,
        String username,
        String roles,
        Long patientId,
        String resourceType,
        String resourceId,
        AuditAction action,
        String purpose,
        String clientAddress,
        AuditOutcome outcome,
        String detail) {

    public AuditEntry {
        if (occurredAt == null || username == null || action == null || outcome == null) {
            throw new IllegalArgumentException("an audit entry needs a time, a user, an action and an outcome");
        }
        // PostgreSQL keeps microseconds: hash exactly what is stored.
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        roles = storable(roles == null ? "" : roles);
        username = storable(username);
        resourceType = storable(resourceType);
        resourceId = storable(resourceId);
        purpose = storable(purpose);
        clientAddress = storable(clientAddress);
        detail = storable(detail);
    }

    /**
     * The text as PostgreSQL can store it and as it will be read back: NUL (which a text column
     * refuses) and unpaired surrogates (which have no UTF-8 form) become U+FFFD. A search for
     * "%00" must still leave its audit event, and the stored text must hash as the written one.
     */
    private static String storable(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                b.append('\uFFFD');
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
