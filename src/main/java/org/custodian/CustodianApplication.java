package org.custodian;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Custodian. Its settings are {@code @ConfigurationProperties} records, one per module or concern (bound by the
 * scan below, validated at start-up): a bad value stops the start with the key and the rule.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CustodianApplication {

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            Integer offline = runOffline(args);
            System.exit(offline != null ? offline : Cli.run(args));
        }
        SpringApplication.run(CustodianApplication.class, args);
    }

    /** A command that needs no database runs without Spring (mpi-eval). */
    private static Integer runOffline(String[] args) {
        try {
            for (OfflineCommand command : java.util.ServiceLoader.load(OfflineCommand.class, CustodianApplication.class.getClassLoader())) {
                if (command.name().equals(args[0])) {
                    return command.run(java.util.Arrays.copyOfRange(args, 1, args.length));
                }
            }
            return null;
        } catch (Exception e) {
            System.err.println("custodian " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Every clock of the law (ROI 30 days, amendments 60 days, aging, retention) reads this one, in
     * the hospital's time zone ({@code custodian.zone}); the UI and PDFs write times in that zone too.
     */
    @Bean
    HospitalClock clock(CustodianSettings settings) {
        return HospitalClock.system(settings.zone());
    }
}
