package org.custodian.cdi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The CDI review worklist: inpatients in house (concurrent review) and discharged stays not yet
 * final-coded (retrospective, pre-bill), each with the reasons it is on the list. Rules are evaluated
 * over the stored record on each call; the names shown are one audited search per call.
 */
public interface CdiWorklist {

    /** Why a stay is on the list: a rule and what in the record fired it. */
    record Reason(String ruleId, String text, String citation, String template) {
    }

    /**
     * One stay. {@code lengthOfStay} in days so far (Medicare count); {@code gmlos} of the working
     * MS-DRG; {@code workingDrg} null when it cannot be grouped ({@code drgMessage} says why);
     * {@code grouperVersion} the MS-DRG grouper version that grouped it ("43.1"). {@code provisional}: the
     * stay's fiscal year has no grouper loaded (FY2027 before v44), so it was grouped with the newest
     * loaded version as an estimate ({@code drgMessage} says so); final coding still needs its own year's.
     */
    record Item(long encounterId, long patientId, String patientName, String mrn, String visitNumber, Timing timing,
                String service, String attending, Long attendingId, Instant admitAt, Instant dischargeAt, long lengthOfStay,
                BigDecimal gmlos, String workingDrg, String drgTitle, String severity, String drgMessage, String grouperVersion,
                boolean provisional, List<Reason> reasons, int openQueries) {
    }

    /** {@code find}: part of a name, an MRN or a visit number; {@code reasonsOnly}: only stays with a reason. */
    record Filter(Timing timing, String ruleId, String service, String find, boolean reasonsOnly, int page, int size) {

        public Filter {
            page = Math.max(0, page);
            size = size <= 0 ? 50 : Math.min(size, 200);
        }
    }

    /** One page of the list, its total and the hits of each rule over the stays of the timing asked (all when none). */
    record Page(List<Item> items, long total, int page, int size, Map<String, Long> hitsByRule, long evaluated) {
    }

    @PreAuthorize("hasAuthority('cdi:review')")
    Page worklist(Filter filter);

    /** One stay as the worklist shows it (reasons evaluated now), whether or not a rule fires. */
    @PreAuthorize("hasAuthority('cdi:review')")
    Item item(long encounterId);

    /** Opens a stay for review: {@link #item} and the review recorded (who, when, timing), the review rate's numerator. */
    @PreAuthorize("hasAuthority('cdi:review')")
    Item review(long encounterId);
}
