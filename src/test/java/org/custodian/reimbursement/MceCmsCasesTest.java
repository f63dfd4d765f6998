package org.custodian.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custodian.reimbursement.internal.ClaimsTsv;
import org.junit.jupiter.api.Test;

/**
 * The MCE over CMS's 4,000 grouper test claims (FY2026 discharges). CMS's grouper returns
 * DX_CANNOT_BE_PDX exactly when the principal diagnosis is an external-cause code (MCE edit 2); its
 * ages, sexes and discharge statuses are all valid (no edit 14, 15, 16), and its codes too (edit 1 only
 * on the few cluster keys "Z@nnnn" the generator put among the procedures, which are not PCS codes).
 */
class MceCmsCasesTest {

    @Test
    void edit2FiresExactlyWhereCmsSaysTheDiagnosisCannotBePrincipal() throws IOException {
        List<String> lines = Files.readAllLines(GrouperCasesTest.casesFile());
        ClaimsTsv tsv = new ClaimsTsv(lines.get(0), LocalDate.of(2026, 1, 15));
        CodeEditor mce = CodeEditor.bundled();
        Map<Integer, Integer> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            n++;
            String[] f = line.split("\t", -1);
            List<McEdit> edits = mce.edit(tsv.parse(f));
            edits.stream().map(McEdit::number).distinct().forEach(e -> counts.merge(e, 1, Integer::sum));
            boolean edit2 = edits.stream().anyMatch(e -> e.number() == 2);
            boolean cannotBePdx = tsv.get(f, "final_grc").equals("DX_CANNOT_BE_PDX");
            if (edit2 != cannotBePdx) {
                wrong.add(tsv.get(f, "case_id") + " " + tsv.get(f, "pdx") + " grc " + tsv.get(f, "final_grc"));
            }
            // Edit 1 only on the generator's cluster keys (Z@nnnn), which are grouper-table keys, not PCS codes
            assertThat(edits).as(tsv.get(f, "case_id"))
                    .noneMatch(e -> e.number() == 1 && !e.code().startsWith("Z@")
                            || e.number() == 14 || e.number() == 15 || e.number() == 16);
        }
        System.out.println("MCE v43 on " + n + " CMS claims, claims per edit number: " + counts);
        assertThat(n).isEqualTo(4000);
        assertThat(wrong).isEmpty();
        assertThat(counts.get(2)).isEqualTo(236);
    }
}
