package org.custodian.audit.internal;

import org.custodian.audit.AuditCheckpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code auditChain}: DOWN while the last check of the chain against
 * its checkpoints failed (truncated, rewritten, broken), with what was found; UNKNOWN before the first
 * check. Not part of the readiness group: a tampered log is an alarm for people, and taking the instance
 * out of service would stop the auditing too.
 */
@Component("auditChain")
class AuditChainHealth implements HealthIndicator {

    private final AuditCheckpoints checkpoints;

    AuditChainHealth(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Override
    public Health health() {
        String problem = checkpoints.problem();
        AuditCheckpoint last = checkpoints.lastCheckpoint();
        Health.Builder b;
        if (problem != null) {
            b = Health.down().withDetail("problem", problem).withDetail("since", String.valueOf(checkpoints.problemAt()));
        } else if (checkpoints.lastVerifiedAt() == null) {
            b = Health.unknown().withDetail("problem", "not checked yet");
        } else {
            b = Health.up().withDetail("verifiedAt", checkpoints.lastVerifiedAt().toString());
        }
        if (last != null) {
            b.withDetail("lastCheckpointSeq", last.seq()).withDetail("lastCheckpointAt", last.createdAt().toString());
        }
        return b.build();
    }
}
