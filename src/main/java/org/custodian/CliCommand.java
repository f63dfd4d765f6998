package org.custodian;

/** A command of {@code java -jar custodian.jar <command>}; each module contributes its own as a bean. */
public interface CliCommand {

    String name();

    String usage();

    /** Runs the command; the return value is the process exit status. */
    int run(String[] args) throws Exception;
}
