package org.custodian;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class CustodianApplication {

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-")) {
            System.exit(Cli.run(args));
        }
        SpringApplication.run(CustodianApplication.class, args);
    }

    /** Every clock of the law (ROI 30 days, amendments 60 days, aging, retention) reads this one. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
