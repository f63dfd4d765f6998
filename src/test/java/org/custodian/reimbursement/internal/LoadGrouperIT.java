package org.custodian.reimbursement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.custodian.CliCommand;
import org.custodian.reimbursement.Grouper;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

/**
 * {@code custodian load-grouper DIR}: a broken release keeps nothing and names each error's file and
 * line; a valid one (the v43 tables laid out as v44) is kept and, read back as at the next start,
 * groups FY2027 discharges. The kept release is removed again: the database is shared, and no other
 * test may find a v44 made of v43's tables.
 */
@CustodianTest
@ExtendWith(OutputCaptureExtension.class)
class LoadGrouperIT {

    @Autowired ApplicationContext context;
    @Autowired JdbcGrouperReleases releases;

    private CliCommand loadGrouper() {
        return context.getBeansOfType(CliCommand.class).values().stream().filter(c -> c.name().equals("load-grouper"))
                .findFirst().orElseThrow();
    }

    @Test
    void aBrokenReleaseKeepsNothingAndAValidOneIsKept(@TempDir Path tmp, CapturedOutput out) throws Exception {
        Path dir = GrouperReleaseTest.asV44(tmp);
        Path formulas = dir.resolve("v44.0/drg_formulas.tsv");
        String good = Files.readString(formulas);
        GrouperReleaseTest.replaceLine(formulas, 7, l -> l.replaceFirst("\t[^\t]*$", "\tMCC &"));
        try {
            assertThat(loadGrouper().run(new String[] {dir.toString()})).isEqualTo(1);
            assertThat(out.getErr()).contains("Not loaded: 1 error(s); nothing was kept.")
                    .contains("v44.0/drg_formulas.tsv line 7: ");
            assertThat(releases.list()).noneMatch(s -> s.version().equals("v44"));

            Files.writeString(formulas, good);
            assertThat(loadGrouper().run(new String[] {dir.toString(), "--check"})).isZero();
            assertThat(releases.list()).noneMatch(s -> s.version().equals("v44"));
            assertThat(loadGrouper().run(new String[] {dir.toString()})).isZero();
            assertThat(out.getOut()).contains("MS-DRG v44 (FY2027): 44.0 from 2026-10-01, 44.1 from 2027-04-01")
                    .contains("Loaded; the grouper uses it from the next start.");
            assertThat(releases.list()).filteredOn(s -> s.version().equals("v44")).singleElement()
                    .satisfies(s -> assertThat(s.fiscalYear()).isEqualTo(2027));
            assertThat(loadGrouper().run(new String[] {dir.toString()})).isZero();
            assertThat(out.getOut()).contains("Unchanged: the same release is already loaded.");

            // what the next start builds
            List<GrouperRelease> kept = releases.releases();
            Grouper next = Grouper.withReleases(kept.stream().map(GrouperRelease::tables).toList());
            assertThat(next.versionFor(LocalDate.of(2026, 12, 1))).isEqualTo("44.0");
        } finally {
            releases.delete("v44");
        }
        assertThat(releases.list()).noneMatch(s -> s.version().equals("v44"));
    }
}
