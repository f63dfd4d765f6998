package org.custodian.reimbursement.internal;

import java.nio.file.Path;
import org.custodian.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code load-grouper DIR [--check]}: keep a new CMS grouper release (v44, …) once it is validated whole. */
@Configuration(proxyBeanMethods = false)
class GrouperCommands {

    @Bean
    CliCommand loadGrouper(JdbcGrouperReleases releases) {
        return new CliCommand() {
            public String name() {
                return "load-grouper";
            }

            public String usage() {
                return "DIR [--check]  load an MS-DRG grouper release (vNN.0/, vNN.1/, mce-vNN.N/, "
                        + "table5_fyYYYY_weights_gmlos.tsv, laid out as shared/data/cms/ms-drg-v43/) after validating "
                        + "every table; nothing is kept if any line is wrong; --check validates only. "
                        + "The grouper uses it from the next start";
            }

            public int run(String[] args) throws Exception {
                boolean check = args.length == 2 && args[1].equals("--check");
                if (args.length < 1 || args.length > 2 || (args.length == 2 && !check)) {
                    System.err.println("usage: load-grouper DIR [--check]");
                    return 2;
                }
                return GrouperCommands.run(releases, Path.of(args[0]), check);
            }
        };
    }

    static int run(JdbcGrouperReleases releases, Path dir, boolean check) throws Exception {
        System.out.println("Reading the grouper release in " + dir + " ...");
        GrouperRelease.Result result = GrouperRelease.read(dir);
        if (!result.errors().isEmpty()) {
            System.err.println("Not loaded: " + result.errors().size() + " error(s); nothing was kept.");
            result.errors().stream().limit(200).forEach(e -> System.err.println("  " + e));
            if (result.errors().size() > 200) {
                System.err.println("  … and " + (result.errors().size() - 200) + " more");
            }
            return 1;
        }
        GrouperRelease r = result.release();
        StringBuilder versions = new StringBuilder();
        r.layout().versions().forEach(v -> versions.append(versions.isEmpty() ? "" : ", ").append(v.name())
                .append(" from ").append(v.from()));
        System.out.printf("MS-DRG %s (FY%d): %s; %d files, Table 5 with %d DRGs: valid%n", r.version(), r.fiscalYear(),
                versions, r.files().size(), r.weights().size());
        if (check) {
            return 0;
        }
        boolean changed = releases.store(r, dir.toAbsolutePath().toString());
        System.out.println(changed ? "Loaded; the grouper uses it from the next start."
                : "Unchanged: the same release is already loaded.");
        return 0;
    }
}
