package org.custodian.staff.internal;

import org.custodian.CliCommand;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.StaffMember;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The staff module's CLI: {@code unlock USER}, the way back in from the server's own console when
 * every administrator is throttled (issue 22, finding 3). Audited as the system user.
 */
@Configuration(proxyBeanMethods = false)
class StaffCommands {

    @Bean
    CliCommand unlockCommand(StaffDirectory staff) {
        return new CliCommand() {
            public String name() {
                return "unlock";
            }

            public String usage() {
                return "USER  end the sign-in throttle of USER from every address and reset its failed sign-ins";
            }

            public int run(String[] args) {
                if (args.length != 1 || !args[0].matches(StaffApiController.USERNAME)) {
                    System.err.println("usage: unlock USER");
                    return 2;
                }
                if (staff.find(args[0]).isEmpty()) {
                    System.err.println("no account '" + args[0] + "'");
                    return 1;
                }
                StaffMember member = staff.unlock(args[0]);
                System.out.println("unlocked " + member.username() + "; its failed sign-ins are reset");
                return 0;
            }
        };
    }
}
