package org.custodian.privacy;

import java.time.Duration;

/**
 * Sign-in throttling (HIPAA 45 CFR 164.308(a)(5)(ii)(C), log-in monitoring; 164.312(d), person
 * authentication): how long attempts as a username from a client address are refused. Keyed per
 * username-and-address and per address, so an attacker slows only their own attempts and never
 * locks the real user out from where the real user signs in. The staff module implements it; the
 * security filters ask it before any password is checked.
 */
public interface SignInThrottle {

    /** How long attempts as {@code username} (as typed; it may not exist) from {@code address} are refused; zero when not. */
    Duration refusedFor(String username, String address);
}
