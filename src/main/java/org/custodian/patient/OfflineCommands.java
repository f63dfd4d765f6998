package org.custodian.patient;

import java.util.Arrays;
import org.custodian.patient.internal.mpi.MpiCommands;

/**
 * Commands of the patient module that need neither the database nor the Spring context:
 * {@code java -jar custodian.jar mpi-eval FILE.csv} links a file in memory and must not wait for
 * (or fail on) a database it does not use.
 */
public final class OfflineCommands {

    private OfflineCommands() {
    }

    /** The exit status, or null when {@code args[0]} is not an offline command. */
    public static Integer run(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("mpi-eval")) {
            return MpiCommands.evalOffline(Arrays.copyOfRange(args, 1, args.length));
        }
        return null;
    }
}
