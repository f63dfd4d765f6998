package org.custodian;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code custodian.jobs.*}: whether this process runs the background work of {@link PeriodicJob}s (the nightly
 * duplicate scan, the MS-DRG refresh, audit checkpoints, worklist reconciliation, …). The server does; a
 * command of {@code java -jar custodian.jar <command>} does not ({@link Cli}): a long command would otherwise
 * start the nightly scan of its own beside the server's, and the scan's lock then refused the command's own
 * {@code mpi-scan}.
 *
 * @param enabled run the periodic jobs in this process
 */
@ConfigurationProperties("custodian.jobs")
public record JobSettings(@DefaultValue("true") boolean enabled) {
}
