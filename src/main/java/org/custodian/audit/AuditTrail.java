package org.custodian.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records a touch of patient data on behalf of whoever is signed in, from wherever the request
 * came: callers say only what was touched and how. Purpose of use comes from the request's
 * {@code X-Purpose-Of-Use} header (HL7 PurposeOfUse codes) and defaults to healthcare operations.
 */
@Component
public class AuditTrail {

    public static final String PURPOSE_HEADER = "X-Purpose-Of-Use";
    public static final String DEFAULT_PURPOSE = "HOPERAT";
    public static final String SYSTEM_USER = "system";

    /** Where this thread's events go instead of the log while {@link #collecting} runs; null otherwise. */
    private static final ThreadLocal<List<AuditEntry>> COLLECTING = new ThreadLocal<>();

    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * Runs {@code work} with every event this thread records through this trail added to
     * {@code into} instead of appended one by one. For a caller that commits many changes in one
     * transaction (the HL7 v2 feed's group commit): it appends what was collected with one
     * {@link #recordAll} before its own commit, so the events are durable before the changes they
     * describe (HIPAA 45 CFR 164.312(b)), with one audit commit instead of one per service call.
     * The caller owns the list: if it rolls the work back it may drop the events of changes that
     * never happened. Nested calls collect into the innermost list.
     */
    public <T> T collecting(List<AuditEntry> into, Supplier<T> work) {
        List<AuditEntry> outer = COLLECTING.get();
        COLLECTING.set(into);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                COLLECTING.remove();
            } else {
                COLLECTING.set(outer);
            }
        }
    }

    private void write(AuditEntry entry) {
        List<AuditEntry> collected = COLLECTING.get();
        if (collected != null) {
            collected.add(entry);
        } else {
            log.append(entry);
        }
    }

    private void writeAll(List<AuditEntry> entries) {
        List<AuditEntry> collected = COLLECTING.get();
        if (collected != null) {
            collected.addAll(entries);
        } else {
            log.appendAll(entries);
        }
    }

    public void patient(AuditAction action, long patientId, String resourceType, Object resourceId) {
        write(entry(action, AuditOutcome.SUCCESS, patientId, resourceType, resourceId, null));
    }

    public void record(AuditAction action, AuditOutcome outcome, Long patientId, String resourceType,
                       Object resourceId, String detail) {
        write(entry(action, outcome, patientId, resourceType, resourceId, detail));
    }

    /** One CREATE event per new row ({@code ids[i]} of patient {@code patientIds[i]}), in one append. */
    public void created(String resourceType, List<Long> ids, List<Long> patientIds) {
        List<AuditEntry> entries = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            entries.add(entry(AuditAction.CREATE, AuditOutcome.SUCCESS, patientIds.get(i), resourceType, ids.get(i), null));
        }
        writeAll(entries);
    }

    public void recordAll(List<AuditEntry> entries) {
        writeAll(entries);
    }

    /**
     * Records events collected by {@link #collecting} in the caller's own transaction, last
     * before its commit (see {@link AuditLog#appendInTransaction}): one commit for the changes
     * and the events that describe them (HIPAA 45 CFR 164.312(b)), which stand or fall together.
     *
     * <p>Inside {@link #collecting} the events join the collected ones instead: the collecting
     * caller appends them in its transaction last before its commit. Appended here, they would take
     * the chain's lock in the middle of that caller's transaction (the HL7 feed's batch importing an
     * ORU's results), and every audited request would wait for the rest of the batch
     * (bench/load.sh).
     */
    public void recordAllInTransaction(List<AuditEntry> entries) {
        List<AuditEntry> collected = COLLECTING.get();
        if (collected != null) {
            collected.addAll(entries);
        } else {
            log.appendInTransaction(entries);
        }
    }

    /**
     * One UPDATE event per row that a patient merge or unmerge moved from one registration to the
     * other, on the patient the row moved to, in one append (nothing when nothing moved). For the
     * modules' merge listeners ({@code org.custodian.MergeMoves}): {@code moved} gives, per resource
     * type, the ids of its rows that moved, in the order the events are written; {@code how} is
     * "merge" or "unmerge", and the detail reads "merge 12: moved from patient 34".
     */
    public void movedByMerge(String how, long mergeId, long fromPatientId, long toPatientId,
                             Map<String, List<Long>> moved) {
        String detail = how + " " + mergeId + ": moved from patient " + fromPatientId;
        List<AuditEntry> entries = new ArrayList<>();
        moved.forEach((resourceType, ids) -> ids.forEach(id ->
                entries.add(entry(AuditAction.UPDATE, AuditOutcome.SUCCESS, toPatientId, resourceType, id, detail))));
        if (!entries.isEmpty()) {
            writeAll(entries);
        }
    }

    /**
     * Records an event for a named user, for the moments when the security context does not yet
     * say who it is (a sign-in, a request without credentials).
     */
    public void recordAs(Authentication who, String username, AuditAction action, AuditOutcome outcome,
                         String resourceType, Object resourceId, String detail) {
        HttpServletRequest request = currentRequest();
        write(new AuditEntry(clock.instant(), username, roles(who), null, resourceType,
                resourceId == null ? null : resourceId.toString(), action, purpose(request),
                request == null ? null : request.getRemoteAddr(), outcome, detail));
    }

    /** An entry stamped with the current user, roles, purpose, client address and time. */
    public AuditEntry entry(AuditAction action, AuditOutcome outcome, Long patientId, String resourceType,
                            Object resourceId, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpServletRequest request = currentRequest();
        String user = auth == null || auth.getName() == null ? SYSTEM_USER : auth.getName();
        return new AuditEntry(clock.instant(), user, roles(auth), patientId, resourceType,
                resourceId == null ? null : resourceId.toString(), action, purpose(request),
                request == null ? null : request.getRemoteAddr(), outcome, detail);
    }

    /** The role names of an authentication, comma-separated and sorted. */
    public static String roles(Authentication auth) {
        if (auth == null) {
            return "";
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String purpose(HttpServletRequest request) {
        if (request == null) {
            return DEFAULT_PURPOSE;
        }
        String header = request.getHeader(PURPOSE_HEADER);
        if (header != null && header.matches("[A-Z]{3,12}")) {
            return header;
        }
        return DEFAULT_PURPOSE;
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }
}
