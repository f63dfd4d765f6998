package org.custodian.operations.internal;

import java.nio.file.Path;
import org.custodian.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code backup DIR} and {@code restore DIR [--replace]}: see {@link DatabaseBackup}. On the embedded
 * database run them with Custodian stopped (the command starts the embedded server itself).
 */
@Configuration(proxyBeanMethods = false)
class BackupCommands {

    @Bean
    CliCommand backupCommand(DatabaseBackup backup) {
        return new CliCommand() {
            public String name() {
                return "backup";
            }

            public String usage() {
                return "DIR  back up the database (one consistent snapshot) and the audit checkpoints into the new or empty DIR";
            }

            public int run(String[] args) throws Exception {
                if (args.length != 1) {
                    System.err.println("usage: backup DIR");
                    return 2;
                }
                DatabaseBackup.Manifest m = backup.backup(Path.of(args[0]));
                System.out.printf("backup of %d tables written to %s; audit log at event %d%n", m.tables().size(), args[0], m.auditHead());
                return 0;
            }
        };
    }

    @Bean
    CliCommand restoreCommand(DatabaseBackup backup) {
        return new CliCommand() {
            public String name() {
                return "restore";
            }

            public String usage() {
                return "DIR [--replace]  restore a backup, verify the audit chain against its checkpoints and name what was lost";
            }

            public int run(String[] args) throws Exception {
                if (args.length < 1 || args.length > 2 || (args.length == 2 && !args[1].equals("--replace"))) {
                    System.err.println("usage: restore DIR [--replace]");
                    return 2;
                }
                DatabaseBackup.RestoreReport r = backup.restore(Path.of(args[0]), args.length == 2);
                System.out.print(describe(r));
                return 0;
            }
        };
    }

    static String describe(DatabaseBackup.RestoreReport r) {
        StringBuilder b = new StringBuilder();
        b.append("restored the backup taken ").append(r.backupTakenAt()).append('\n');
        b.append("audit chain intact: ").append(r.chain().events()).append(" events\n");
        if (r.newestBackupCheckpoint() != null) {
            b.append("matches the backup's newest checkpoint at event ").append(r.newestBackupCheckpoint().seq()).append('\n');
        }
        if (r.unvouchedFrom() <= r.restoredHead()) {
            b.append("events ").append(r.unvouchedFrom()).append(" to ").append(r.restoredHead())
                    .append(" restored but vouched for by no checkpoint in the backup\n");
        }
        if (r.lostTo() > 0) {
            b.append("LOST: events ").append(r.lostFrom()).append(" to ").append(r.lostTo())
                    .append(" (at least), vouched for by the checkpoint of ").append(r.lostVouchedAt())
                    .append(", were written after the backup and are not in it\n");
        } else {
            b.append("no checkpoint outside the database names events after event ").append(r.restoredHead())
                    .append(": none known lost (events after the newest checkpoint cannot be known)\n");
        }
        b.append("new anchor: checkpoint at event ").append(r.anchor().seq()).append('\n');
        return b.toString();
    }
}
