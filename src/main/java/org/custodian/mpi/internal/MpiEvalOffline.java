package org.custodian.mpi.internal;

import org.custodian.OfflineCommand;

/** {@code mpi-eval} without Spring and without a database (listed in META-INF/services). */
public final class MpiEvalOffline implements OfflineCommand {

    public String name() {
        return "mpi-eval";
    }

    public int run(String[] args) throws Exception {
        return MpiCommands.evalOffline(args);
    }
}
