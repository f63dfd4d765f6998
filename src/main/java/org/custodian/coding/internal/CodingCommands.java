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
    CliCommand loadCodes(CodeSetLoader loader, JdbcReferenceLists lists) {
        return new CliCommand() {
            public String name() {
                return "load-codes";
            }

            public String usage() {
                return "DIR  load the CMS ICD-10-CM/PCS order files (icd10cm_order_YYYY.txt, icd10pcs_order_YYYY.txt, "
                        + "also inside .zip or .gz) found in DIR, by fiscal year, and new versions of the POA-exempt "
                        + "list (POAexemptCodesFYnn.txt, or .gz)";
            }

            public int run(String[] args) throws Exception {
                if (args.length != 1) {
                    System.err.println("usage: load-codes DIR");
                    return 2;
                }
                System.out.println("Loading code sets and reference lists from " + args[0] + " ...");
                List<CodeSetLoader.Outcome> outcomes = loader.loadDirectory(Path.of(args[0]));
                List<JdbcReferenceLists.Outcome> listed = lists.loadDirectory(Path.of(args[0]));
                if (outcomes.isEmpty() && listed.isEmpty()) {
                    System.err.println("no order file (icd10cm_order_YYYY.txt, icd10pcs_order_YYYY.txt) nor reference list in "
                            + args[0]);
                    return 1;
                }
                if (!outcomes.isEmpty()) {
                    System.out.println(format(outcomes));
                }
                if (!listed.isEmpty()) {
                    System.out.println(formatLists(listed));
                }
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

    static String formatLists(List<JdbcReferenceLists.Outcome> outcomes) {
        StringBuilder out = new StringBuilder(String.format("%-10s %-20s %8s  %s%n", "list", "version", "entries", "status"));
        for (JdbcReferenceLists.Outcome o : outcomes) {
            out.append(String.format("%-10s %-20s %,8d  %s (%s)%n", o.list(), o.version(), o.entries(),
                    o.changed() ? "loaded" : "unchanged", o.source()));
        }
        return out.toString().stripTrailing();
    }
}
