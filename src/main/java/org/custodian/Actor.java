package org.custodian;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: the signed-in user's name, or {@link #SYSTEM} for work no person started (feeds,
 * schedules, start-up). Every "created by", "decided by" and audit entry names its actor this way.
 */
public final class Actor {

    /** The actor of work that no signed-in person started. */
    public static final String SYSTEM = "system";

    private Actor() {
    }

    public static String current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? SYSTEM : auth.getName();
    }
}
