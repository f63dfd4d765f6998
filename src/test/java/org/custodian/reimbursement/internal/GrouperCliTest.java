package org.custodian.reimbursement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.custodian.OfflineCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code group-claims IN.tsv OUT.tsv} on a few claims, as the CLI runs it (no Spring, no database). */
class GrouperCliTest {

    @TempDir
    Path dir;

    static Path sharedCases() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isDirectory(d.resolve("shared/data"))) {
            d = d.getParent();
        }
        assertThat(d).as("shared/data above the working directory").isNotNull();
        return d.resolve("shared/data/cms/ms-drg-v43/tests/grouper_cases_v430.tsv");
    }

    @Test
    void theCommandIsFoundByTheCliAndWritesCmsColumnsAfterTheInputs() throws Exception {
        List<String> lines = Files.readAllLines(sharedCases()).subList(0, 26);
        Path in = dir.resolve("in.tsv");
        Path out = dir.resolve("out.tsv");
        Files.write(in, lines);
        OfflineCommand command = ServiceLoader.load(OfflineCommand.class).stream().map(ServiceLoader.Provider::get)
                .filter(c -> c.name().equals("group-claims")).findFirst().orElseThrow();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ((GroupClaimsCommand) command).run(new String[] {in.toString(), out.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("25 / 25 claims grouped")
                .contains("2026-01-15 for every claim (no discharge_date column)");

        List<String> written = Files.readAllLines(out);
        assertThat(written).hasSize(26);
        String[] header = written.get(0).split("\t", -1);
        List<String> inHeader = List.of(lines.get(0).split("\t", -1));
        assertThat(header).startsWith(inHeader.toArray(String[]::new));
        assertThat(List.of(header).subList(inHeader.size(), header.length)).containsExactly("final_drg", "initial_drg",
                "final_mdc", "final_medsurg", "final_severity", "final_grc");
        for (int i = 1; i < written.size(); i++) {
            String[] f = written.get(i).split("\t", -1);
            assertThat(String.join("\t", List.of(f).subList(0, inHeader.size()))).isEqualTo(lines.get(i));
            List<String> ours = List.of(f).subList(inHeader.size(), f.length);
            List<String> cms = new ArrayList<>();
            for (String c : List.of("final_drg", "initial_drg", "final_mdc", "final_medsurg", "final_severity",
                    "final_grc")) {
                cms.add(f[inHeader.indexOf(c)]);
            }
            assertThat(ours).as("claim %s", f[0]).containsExactlyElementsOf(cms);
        }
    }

    @Test
    void aDischargeDateColumnChoosesTheVersionAndAV44DischargeIsNotGrouped() throws Exception {
        Path in = dir.resolve("dated.tsv");
        Path out = dir.resolve("dated-out.tsv");
        Files.write(in, List.of("id\tage\tsex\tdischarge_status\tpdx\tsdx_with_poa\tprocedures\tdischarge_date",
                "a\t70\tF\t01\tJ189\tJ9601:Y\t\t2026-05-02",
                "b\t70\tF\t01\tJ189\t\t\t2026-10-02",
                "c\t70\tF\t01\tJ18.9\tS72001A:N\t\t"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new GroupClaimsCommand().run(new String[] {in.toString(), out.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 refused (grouper v44 not loaded)");
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(1)).endsWith("\t193\t193\t4\tMEDICAL\tMCC\tOK");
        assertThat(rows.get(2)).endsWith("\t\t\t\t\t\tGROUPER_VERSION_NOT_LOADED");
        assertThat(rows.get(3)).endsWith("\t195\t193\t4\tMEDICAL\tNON_CC\tOK");
    }
}
