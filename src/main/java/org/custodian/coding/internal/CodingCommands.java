package org.custodian.coding.internal;

import java.nio.file.Path;
import java.util.List;
import org.custodian.CliCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code load-codes DIR}: add or refresh a fiscal year's code sets without a release. */
@Configuration(proxyBeanMethods = false)
class CodingCommands {

    @Bean
    CliCommand loadCodes(CodeSetLoader loader) {
        return new CliCommand() {
            public String name() {
                return "load-codes";
            }

            public String usage() {
                return "DIR  load the CMS ICD-10-CM/PCS order files (icd10cm_order_YYYY.txt, icd10pcs_order_YYYY.txt, "
                        + "also inside .zip or .gz) found in DIR, by fiscal year";
            }

            public int run(String[] args) throws Exception {
                if (args.length != 1) {
                    System.err.println("usage: load-codes DIR");
                    return 2;
                }
                System.out.println("Loading code sets from " + args[0] + " ...");
                List<CodeSetLoader.Outcome> outcomes = loader.loadDirectory(Path.of(args[0]));
                if (outcomes.isEmpty()) {
                    System.err.println("no order file (icd10cm_order_YYYY.txt, icd10pcs_order_YYYY.txt) in " + args[0]);
                    return 1;
                }
                System.out.println(format(outcomes));
                return 0;
            }
        };
    }

    static String format(List<CodeSetLoader.Outcome> outcomes) {
        StringBuilder out = new StringBuilder(String.format("%-10s %-6s %8s %9s %7s  %s%n", "system", "FY", "codes",
                "billable", "header", "status"));
        for (CodeSetLoader.Outcome o : outcomes) {
            out.append(String.format("%-10s FY%-4d %,8d %,9d %,7d  %s (%s)%n", o.system().title(), o.fiscalYear(),
                    o.codes(), o.billable(), o.headers(), o.changed() ? "loaded" : "unchanged", o.source()));
        }
        return out.toString().stripTrailing();
    }
}
