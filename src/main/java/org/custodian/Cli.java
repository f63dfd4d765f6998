package org.custodian;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar custodian.jar <command> [args]}: runs one command against the configured
 * database without starting the web server, and exits with its status.
 */
final class Cli {

    private Cli() {
    }

    static int run(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CustodianApplication.class)
                .web(WebApplicationType.NONE)
                // As arguments, these outrank application.properties: a command never loads the
                // demo hospital nor creates the first administrator.
                // Nor does it load the bundled code sets: load-codes loads what it is given. Nor does it run
                // the server's background jobs (JobSettings).
                .run("--custodian.demo.enabled=false", "--custodian.admin.bootstrap=false",
                        "--custodian.coding.load-bundled=false", "--custodian.jobs.enabled=false",
                        "--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
            Map<String, CliCommand> commands = new TreeMap<>();
            context.getBeansOfType(CliCommand.class).values().forEach(c -> commands.put(c.name(), c));
            CliCommand command = commands.get(args[0]);
            if (command == null) {
                System.err.println("Unknown command '" + args[0] + "'. Commands:");
                commands.values().forEach(c -> System.err.println("  " + c.name() + "  " + c.usage()));
                return 2;
            }
            return command.run(Arrays.copyOfRange(args, 1, args.length));
        } catch (Exception e) {
            System.err.println("custodian " + args[0] + " failed: " + e.getMessage());
            return 1;
        }
    }
}
