package org.custodian;

/**
 * A command of {@code java -jar custodian.jar <command>} that needs neither the database nor the
 * Spring context (mpi-eval links a file in memory). Modules list theirs in
 * {@code META-INF/services/org.custodian.OfflineCommand}; the root finds them with ServiceLoader,
 * so it depends on no module.
 */
public interface OfflineCommand {

    String name();

    /** Runs the command; the return value is the process exit status. */
    int run(String[] args) throws Exception;
}
