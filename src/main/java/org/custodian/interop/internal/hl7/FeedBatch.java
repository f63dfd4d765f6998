package org.custodian.interop.internal.hl7;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the messages applied together in one transaction share, so that each does not ask the
 * database again: the MRN locks already held, the MRNs already resolved to a patient (or known to
 * be unregistered), and the patients registered, to be queued for the MPI's screen in one
 * statement before the commit. {@link #single()} shares nothing: a message applied behind a
 * savepoint of its own, whose rollback must not leave its registrations in a shared cache.
 */
final class FeedBatch {

    private final boolean shared;
    private final Set<String> locked = new HashSet<>();
    private final Map<String, Optional<Long>> resolved = new HashMap<>();
    private final List<Long> registered = new ArrayList<>();

    private FeedBatch(boolean shared) {
        this.shared = shared;
    }

    static FeedBatch shared() {
        return new FeedBatch(true);
    }

    static FeedBatch single() {
        return new FeedBatch(false);
    }

    boolean isShared() {
        return shared;
    }

    static String key(String facility, String mrn) {
        return facility + "|" + mrn;
    }

    /** True when the lock must still be taken (and counts it as taken from now on). */
    boolean lockNeeded(String key) {
        return !shared || locked.add(key);
    }

    void lockedAll(Iterable<String> keys) {
        keys.forEach(locked::add);
    }

    /** The patient of an MRN if this batch knows it (empty: known to be unregistered); null when unknown. */
    Optional<Long> known(String key) {
        return shared ? resolved.get(key) : null;
    }

    void resolved(String key, Optional<Long> patient) {
        if (shared) {
            resolved.put(key, patient);
        }
    }

    /** A merge retires an MRN: what this batch knows of MRNs is asked again. */
    void merged() {
        resolved.clear();
    }

    void registered(long patientId) {
        registered.add(patientId);
    }

    List<Long> registered() {
        return registered;
    }
}
