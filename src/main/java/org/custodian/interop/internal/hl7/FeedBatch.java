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
 * be unregistered), the patients registered (most of them ahead of their messages, with one call),
 * to be queued for the MPI's screen in one statement before the commit, and the visits found or
 * opened. {@link #single()} shares nothing: a message applied behind a savepoint of its own,
 * whose rollback must not leave its registrations in a shared cache.
 */
final class FeedBatch {

    private final boolean shared;
    private final Set<String> locked = new HashSet<>();
    private final Map<String, Optional<Long>> resolved = new HashMap<>();
    private final List<Long> registered = new ArrayList<>();
    /** MRNs registered before the batch's messages were applied, until their first message takes them. */
    private final Map<String, Long> registeredAhead = new HashMap<>();
    /** Messages whose admission was applied ahead of them, with the batch's others (by identity). */
    private final Set<AdtFields> admittedAhead = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Visit numbers known to this batch: the encounter and its patient. */
    private final Map<String, Visit> visits = new HashMap<>();

    /** An encounter as the feed finds it by visit number: neither changes while a batch runs, but for a merge. */
    record Visit(long encounterId, long patientId) {
    }

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

    /** A merge retires an MRN and moves encounters: what this batch knows of MRNs and visits is asked again. */
    void merged() {
        resolved.clear();
        visits.clear();
    }

    /** Registered ahead, with the first message of its MRN's demographics (see {@link AdtApplier#prepare}). */
    void registeredAhead(String key, long patientId) {
        registeredAhead.put(key, patientId);
        resolved.put(key, Optional.of(patientId));
        registered.add(patientId);
    }

    /** The patient registered ahead for the MRN's first message, once (that message is the registration). */
    Long takeRegisteredAhead(String key) {
        return shared ? registeredAhead.remove(key) : null;
    }

    void admitAhead(AdtFields message) {
        admittedAhead.add(message);
    }

    /** Whether the message's admission was applied ahead of it (then it is, once). */
    boolean takeAdmittedAhead(AdtFields message) {
        return shared && admittedAhead.remove(message);
    }

    Visit visit(String number) {
        return shared ? visits.get(number) : null;
    }

    void visit(String number, Visit visit) {
        if (shared) {
            visits.put(number, visit);
        }
    }

    void registered(long patientId) {
        registered.add(patientId);
    }

    List<Long> registered() {
        return registered;
    }
}
