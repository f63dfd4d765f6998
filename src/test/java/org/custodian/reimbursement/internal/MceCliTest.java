package org.custodian.reimbursement.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code group-claims --mce}: one last column, mce_edits, and the grouper's columns unchanged. */
class MceCliTest {

    @TempDir
    Path dir;

    static final List<String> IN = List.of(
            "id\tage\tsex\tdischarge_status\tpdx\tsdx_with_poa\tprocedures\tdischarge_date",
            "a\t70\tF\t01\tJ189\tJ9601:Y\t\t2026-05-02",
            "b\t1\tM\t08\tJ189\tA33:Y\t\t2026-01-10",
            "c\t70\tF\t01\tJ189\t\t\t2026-10-02");

    List<String> run(String... extra) throws Exception {
        Path in = dir.resolve("in.tsv");
        Path out = dir.resolve("out" + extra.length + ".tsv");
        Files.write(in, IN);
        String[] args = new String[2 + extra.length];
        args[0] = in.toString();
        args[1] = out.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        int status = new GroupClaimsCommand().run(args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8));
        assertThat(status).isZero();
        return Files.readAllLines(out);
    }

    @Test
    void mceEditsIsAppendedLastAndChangesNoOtherColumn() throws Exception {
        List<String> plain = run();
        List<String> withMce = run("--mce");
        assertThat(plain.get(0)).doesNotContain("mce_edits");
        assertThat(withMce.get(0)).isEqualTo(plain.get(0) + "\tmce_edits");
        for (int i = 1; i < plain.size(); i++) {
            assertThat(withMce.get(i)).startsWith(plain.get(i) + "\t");
        }
        assertThat(withMce.get(1)).endsWith("\tOK\t");
        // age 1 with A33 (newborn, 0 only): edit 4; discharge status 08 (not valid since 2005): edit 16
        assertThat(withMce.get(2)).endsWith("\t4:SDX:A33|16:DISCHARGE_STATUS:08");
        assertThat(withMce.get(3)).endsWith("\tGROUPER_VERSION_NOT_LOADED\tMCE_VERSION_NOT_LOADED");
    }
}
