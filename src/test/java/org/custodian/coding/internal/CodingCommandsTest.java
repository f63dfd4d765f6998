package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.custodian.CliCommand;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

/** {@code custodian load-codes DIR}: prints the counts of each set found, equal to the file's own. */
@CustodianTest
@ExtendWith(OutputCaptureExtension.class)
class CodingCommandsTest {

    @Autowired ApplicationContext context;

    private CliCommand loadCodes() {
        return context.getBeansOfType(CliCommand.class).values().stream().filter(c -> c.name().equals("load-codes"))
                .findFirst().orElseThrow();
    }

    @Test
    void printsCountsPerSystemAndFiscalYear(@TempDir Path dir, CapturedOutput out) throws Exception {
        Files.copy(getClass().getClassLoader().getResourceAsStream(OrderFiles.resource("icd10cm", 2026)),
                dir.resolve("icd10cm_order_2026.txt.gz"));
        assertThat(loadCodes().run(new String[] {dir.toString()})).isZero();
        Map<String, Boolean> file = OrderFiles.codes("icd10cm", 2026);
        long billable = OrderFiles.billable(file);
        assertThat(out.getOut()).containsPattern(String.format("ICD-10-CM\\s+FY2026\\s+%,d\\s+%,d\\s+%,d\\s+unchanged",
                file.size(), billable, file.size() - billable));
    }

    @Test
    void aDirectoryWithoutOrderFilesOrNoArgumentFails(@TempDir Path dir) throws Exception {
        assertThat(loadCodes().run(new String[] {dir.toString()})).isEqualTo(1);
        assertThat(loadCodes().run(new String[0])).isEqualTo(2);
    }
}
