package org.custodian.audit;

/** Whether the log still agrees with a checkpoint exported earlier, and if not why. */
public record CheckpointVerification(boolean valid, String problem, ChainVerification chain) {
}
