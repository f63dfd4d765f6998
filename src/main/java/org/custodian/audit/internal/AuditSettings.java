package org.custodian.audit.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.audit.*}: the audit log's writer and its signed checkpoints (HIPAA 45 CFR 164.312(b),
 * audit controls; 164.312(c)(1), integrity).
 *
 * @param keyDir        the checkpoint key pair's directory; empty: {@code <data-dir>/keys}
 * @param checkpointKey the checkpoint signing key (its public half beside it as .pub); empty: in {@code keyDir}.
 *                      Keep it off the database's volume
 * @param maxBatch      audit events the writer thread commits in one transaction at most
 * @param checkpoints   the scheduled checkpoints
 */
@Validated
@ConfigurationProperties("custodian.audit")
public record AuditSettings(@DefaultValue("") String keyDir,
                            @DefaultValue("") String checkpointKey,
                            @DefaultValue("5000") @Min(1) int maxBatch,
                            @DefaultValue @Valid Checkpoints checkpoints) {

    /**
     * Every {@code checkEvery} (0: never by itself) the chain is verified from the newest checkpoint and a new
     * signed checkpoint is written to {@code dir} when one is due: every {@code every} or every {@code everyEvents}
     * events. {@code dir} is append-only; empty: {@code <data-dir>/audit-checkpoints}.
     */
    public record Checkpoints(@DefaultValue("") String dir,
                              @DefaultValue("15m") @DurationMin(nanos = 0) Duration every,
                              @DefaultValue("10000") @Min(1) long everyEvents,
                              @DefaultValue("1m") @DurationMin(nanos = 0) Duration checkEvery) {

        String dir(String dataDir) {
            return dir == null || dir.isBlank() ? dataDir + "/audit-checkpoints" : dir;
        }
    }

    String checkpointKey(String dataDir) {
        if (checkpointKey != null && !checkpointKey.isBlank()) {
            return checkpointKey;
        }
        String keys = keyDir == null || keyDir.isBlank() ? dataDir + "/keys" : keyDir;
        return keys + "/audit-checkpoint-ed25519.key";
    }
}
