package org.custodian.cdi.internal;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * CDI's configurable times: a follow-up to the physician when a query is unanswered after
 * {@code custodian.cdi.follow-up-after} (default 24 h), escalation to the physician advisor's queue
 * ({@code /cdi/advisor}, permission {@code cdi:advise}) after {@code custodian.cdi.escalate-after}
 * (default 48 h) — and to the inbox of the practitioner {@code custodian.cdi.physician-advisor} (an id of
 * the provider directory) when one is named —, and a query closed as "no response" after
 * {@code custodian.cdi.close-after} (default 7 days).
 */
@Component
class CdiSettings {

    private final Duration followUpAfter;
    private final Duration escalateAfter;
    private final Duration closeAfter;
    private final Long physicianAdvisor;

    CdiSettings(@Value("${custodian.cdi.follow-up-after:24h}") Duration followUpAfter,
                @Value("${custodian.cdi.escalate-after:48h}") Duration escalateAfter,
                @Value("${custodian.cdi.close-after:7d}") Duration closeAfter,
                @Value("${custodian.cdi.physician-advisor:#{null}}") Long physicianAdvisor) {
        this.followUpAfter = followUpAfter;
        this.escalateAfter = escalateAfter;
        this.closeAfter = closeAfter;
        this.physicianAdvisor = physicianAdvisor;
    }

    Duration followUpAfter() {
        return followUpAfter;
    }

    Duration escalateAfter() {
        return escalateAfter;
    }

    Duration closeAfter() {
        return closeAfter;
    }

    Long physicianAdvisor() {
        return physicianAdvisor;
    }
}
