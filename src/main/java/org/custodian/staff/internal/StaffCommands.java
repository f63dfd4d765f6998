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

    /** {@code import-staff FILE.csv}: HR's profiles, all rows or none, errors naming row and column. */
    @Bean
    CliCommand importStaffCommand(org.custodian.staff.StaffProfiles profiles) {
        return new CliCommand() {
            public String name() {
                return "import-staff";
            }

            public String usage() {
                return "FILE.csv  import staff profiles (username,givenName,familyName,line,city,state,postalCode,department,job,patientMrn)";
            }

            public int run(String[] args) throws Exception {
                if (args.length != 1) {
                    System.err.println("usage: import-staff FILE.csv");
                    return 2;
                }
                String csv = java.nio.file.Files.readString(java.nio.file.Path.of(args[0]));
                try {
                    int n = profiles.importCsv(csv);
                    System.out.println("imported " + n + " staff profiles");
                    return 0;
                } catch (org.custodian.Problem p) {
                    System.err.println("nothing imported: " + p.detail());
                    return 1;
                }
            }
        };
    }

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
                // The command line is the system's: an operator at the server, no signed-in person.
                StaffMember member = org.custodian.privacy.SystemAccess.call("cli:unlock",
                        java.util.EnumSet.of(org.custodian.privacy.Permission.STAFF_UNLOCK),
                        () -> staff.find(args[0]).map(m -> staff.unlock(args[0])).orElse(null));
                if (member == null) {
                    System.err.println("no account '" + args[0] + "'");
                    return 1;
                }
                System.out.println("unlocked " + member.username() + "; its failed sign-ins are reset");
                return 0;
            }
        };
    }
}
