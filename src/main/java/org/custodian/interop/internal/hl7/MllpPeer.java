package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.ErrorCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditEntry;

/**
 * Who is at the other end of an MLLP connection: its remote address, its authenticated identity
 * (the subject of its TLS client certificate, or {@value #LOOPBACK_PLAIN} on the plain loopback
 * listener) and the allow-listed senders it may speak for. Kept with every message it sends and
 * in the audit events of what those messages change (HIPAA 45 CFR 164.312(b), audit controls;
 * 164.312(d), person or entity authentication).
 *
 * @param anyone true only on the plain loopback listener without an allow-list (the demo): any
 *               MSH-3/MSH-4 and any message type Custodian takes
 */
record MllpPeer(String address, String identity, List<MllpSettings.Sender> senders, boolean anyone) {

    static final String LOOPBACK_PLAIN = "loopback-plain";

    /** A message handed to the receiver inside the application (tests, reprocessing): no network peer. */
    static final MllpPeer IN_PROCESS = new MllpPeer(null, null, List.of(), true);

    /** "127.0.0.1 [CN=lab,O=General Hospital]", as the audit log's client address; null in process. */
    String describe() {
        return address == null ? null : address + " [" + identity + "]";
    }

    /** Whether this peer may send as this MSH-3 sending application and MSH-4 sending facility. */
    boolean speaksFor(String application, String facility) {
        return anyone || senders.stream().anyMatch(s -> s.sendingApplication().equals(application)
                && s.sendingFacility().equals(facility));
    }

    /**
     * Why this peer may not send this message (an AR naming the rule), or null when it may: MSH-3
     * and MSH-4 must be those of a sender its certificate stands for, and that sender must be
     * allowed the message type (a lab system sends no ADT^A40 merges).
     */
    AdtProblem refusal(Hl7Header h) {
        if (anyone) {
            return null;
        }
        List<MllpSettings.Sender> as = senders.stream().filter(s -> s.sendingApplication().equals(h.sendingApplication())
                && s.sendingFacility().equals(h.sendingFacility())).toList();
        if (as.isEmpty()) {
            return AdtProblem.reject(ErrorCode.UNKNOWN_KEY_IDENTIFIER, "MSH", 3, "the sending application and facility"
                    + " (MSH-3, MSH-4) are not on the sender allow-list for this connection's certificate"
                    + " (custodian.mllp.senders; HIPAA 45 CFR 164.312(d))");
        }
        String type = h.messageType() == null ? "" : h.messageType();
        String trigger = h.trigger() == null ? "" : h.trigger();
        if (as.stream().noneMatch(s -> s.maySend(type, trigger))) {
            return AdtProblem.reject(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 9, "sender " + AdtApplier.sanitize(
                    as.get(0).name()) + " is not allowed to send " + AdtApplier.sanitize(type) + " event "
                    + AdtApplier.sanitize(trigger) + " (custodian.mllp.senders[].message-types)");
        }
        return null;
    }

    /** The events with this peer as their client address (unchanged in process: a request's own address stays). */
    List<AuditEntry> stamp(List<AuditEntry> entries) {
        if (address == null || entries.isEmpty()) {
            return entries;
        }
        return entries.stream().map(e -> at(e, describe())).toList();
    }

    /**
     * Events a batch recorded for several messages at once (the registrations done ahead of their
     * messages), each with the peer of the first message about its patient; one whose patient no
     * message names takes the batch's peer if all its messages came from one.
     */
    static List<AuditEntry> stampByPatient(List<AuditEntry> entries, List<MllpPeer> peers, List<Long> patientIds) {
        if (entries.isEmpty()) {
            return entries;
        }
        Map<Long, MllpPeer> byPatient = new HashMap<>();
        for (int i = 0; i < patientIds.size(); i++) {
            byPatient.putIfAbsent(patientIds.get(i), peers.get(i));
        }
        MllpPeer only = new HashSet<>(peers).size() == 1 ? peers.get(0) : null;
        return entries.stream().map(e -> {
            MllpPeer peer = e.patientId() == null ? only : byPatient.getOrDefault(e.patientId(), only);
            return peer == null || peer.address() == null ? e : at(e, peer.describe());
        }).toList();
    }

    private static AuditEntry at(AuditEntry e, String from) {
        return new AuditEntry(e.occurredAt(), e.username(), e.roles(), e.patientId(), e.resourceType(), e.resourceId(),
                e.action(), e.purpose(), from, e.outcome(), e.detail());
    }
}
