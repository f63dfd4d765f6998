package org.custodian.demo.internal;

import java.time.Clock;
import org.custodian.CliCommand;
import org.custodian.demo.DemoHospital;
import org.custodian.demo.DuplicateRegistration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo hospital's CLI: the answer key of its duplicate registrations, for evaluating the MPI. */
@Configuration(proxyBeanMethods = false)
class DemoCommands {

    @Bean
    CliCommand demoDuplicates(DemoSettings settings, Clock clock) {
        long seed = settings.seed();
        int people = settings.patients();
        return new CliCommand() {
            public String name() {
                return "demo-duplicates";
            }

            public String usage() {
                return "[SEED [PATIENTS]]  list the demo hospital's duplicate registrations (MRN pairs), the truth an MPI should find";
            }

            public int run(String[] args) {
                long s = args.length > 0 ? Long.parseLong(args[0]) : seed;
                int n = args.length > 1 ? Integer.parseInt(args[1]) : people;
                // The truth depends on seed and size only, so it matches a demo database generated on any day.
                DemoHospital hospital = DemoHospital.generate(s, n, DemoHospitalRunner.FACILITY, clock);
                System.out.printf("# demo hospital seed %d, %d people: %d duplicate registrations%n", s, n,
                        hospital.duplicates().size());
                System.out.println("mrn\tduplicate_of_mrn\tdiscrepancies");
                for (DuplicateRegistration d : hospital.duplicates()) {
                    System.out.println(d.mrn() + "\t" + d.originalMrn() + "\t"
                            + String.join(",", d.discrepancies().stream().map(Enum::name).toList()));
                }
                return 0;
            }
        };
    }
}
