package org.custodian.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import org.custodian.CliCommand;
import org.custodian.audit.AuditCheckpoint;
import org.custodian.audit.AuditLog;
import org.custodian.audit.ChainVerification;
import org.custodian.audit.CheckpointVerification;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The audit log's CLI: verify the chain, export a checkpoint, check the log against one. */
@Configuration(proxyBeanMethods = false)
class AuditCommands {

    @Bean
    CliCommand verifyAudit(AuditLog log, JsonMapper json) {
        return new CliCommand() {
            public String name() {
                return "verify-audit";
            }

            public String usage() {
                return "[CHECKPOINT.json]  walk the audit hash chain (and check it against an exported checkpoint)";
            }

            public int run(String[] args) throws Exception {
                if (args.length > 0) {
                    AuditCheckpoint checkpoint = json.readValue(Files.readString(Path.of(args[0])), AuditCheckpoint.class);
                    CheckpointVerification v = log.verify(checkpoint);
                    print(v.chain());
                    System.out.println(v.valid() ? "checkpoint at event " + checkpoint.seq() + ": matches"
                            : "checkpoint at event " + checkpoint.seq() + ": REJECTED - " + v.problem());
                    return v.valid() ? 0 : 1;
                }
                ChainVerification v = log.verify();
                print(v);
                return v.valid() ? 0 : 1;
            }
        };
    }

    @Bean
    CliCommand exportCheckpoint(AuditLog log, JsonMapper json) {
        return new CliCommand() {
            public String name() {
                return "audit-checkpoint";
            }

            public String usage() {
                return "FILE  write a signed checkpoint of the audit log's head to FILE";
            }

            public int run(String[] args) throws Exception {
                if (args.length != 1) {
                    System.err.println("usage: audit-checkpoint FILE");
                    return 2;
                }
                AuditCheckpoint checkpoint = log.checkpoint();
                Files.writeString(Path.of(args[0]), json.writerWithDefaultPrettyPrinter().writeValueAsString(checkpoint));
                System.out.println("checkpoint at event " + checkpoint.seq() + " written to " + args[0]);
                return 0;
            }
        };
    }

    private static void print(ChainVerification v) {
        if (v == null) {
            return;
        }
        if (v.valid()) {
            System.out.printf("audit chain intact: %d events verified in %d ms%n", v.events(), v.millis());
        } else {
            System.out.printf("audit chain BROKEN at event %d: %s (%d events verified before it)%n",
                    v.firstBrokenSeq(), v.problem(), v.events());
        }
    }
}
