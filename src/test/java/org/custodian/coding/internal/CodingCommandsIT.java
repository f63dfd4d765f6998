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
class CodingCommandsIT {

    @Autowired ApplicationContext context;
    @Autowired JdbcReferenceLists lists;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

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

    /**
     * New versions of the reference lists beside the order files: a copy of the bundled POA-exempt
     * list named for FY2027 (newer: in force from now on); CMS's "Add" companion file and an MCE
     * list file are not coding lists. Counts are printed,
     * and a second run changes nothing. The versions are removed again: the database is shared.
     */
    @Test
    void loadsNewVersionsOfTheReferenceListsAndPrintsTheirCounts(@TempDir Path dir, CapturedOutput out) throws Exception {
        try (var in = new java.util.zip.GZIPInputStream(getClass().getClassLoader()
                .getResourceAsStream("reference/poa-exempt/2026/POAexemptCodesFY26.txt.gz"))) {
            Files.write(dir.resolve("POAexemptCodesFY27.txt"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("POAexemptAddCodesFY27.txt"), "Order\tPOAexemptCode\tDescription\n1\tZ99.89\tx\n");
        // An MCE list file is no longer a coding list: the MCE is the reimbursement module's, by discharge date.
        Files.createDirectories(dir.resolve("mce"));
        Files.writeString(dir.resolve("mce/MCE_Simple_Code_Edits_v36.txt"), "MCE_Version\tICD_Version\n");
        try {
            assertThat(loadCodes().run(new String[] {dir.toString()})).isZero();
            assertThat(out.getOut()).containsPattern("poa-exempt\\s+FY2027\\s+38,349\\s+loaded")
                    .doesNotContain("POAexemptAddCodesFY27").doesNotContain("MCE v36");
            Map<String, String> inForce = new java.util.HashMap<>();
            lists.inForce().forEach(l -> inForce.put(l.list(), l.version()));
            assertThat(inForce).containsEntry("poa-exempt", "FY2027").doesNotContainKey("mce");

            assertThat(loadCodes().run(new String[] {dir.toString()})).isZero();
            assertThat(out.getOut()).containsPattern("poa-exempt\\s+FY2027\\s+38,349\\s+unchanged");
            assertThat(jdbc.sql("select count(*) from coding_reference_entry where list = 'poa-exempt' and version = 'FY2027'")
                    .query(Long.class).single()).isEqualTo(38_349);
        } finally {
            jdbc.sql("delete from coding_reference_list where (list, version) in (('poa-exempt', 'FY2027'))")
                    .update();
        }
        assertThat(lists.inForce()).anySatisfy(l -> assertThat(l.version()).isEqualTo("FY2026"));
    }

    @Test
    void aDirectoryWithoutOrderFilesOrNoArgumentFails(@TempDir Path dir) throws Exception {
        assertThat(loadCodes().run(new String[] {dir.toString()})).isEqualTo(1);
        assertThat(loadCodes().run(new String[0])).isEqualTo(2);
    }
}
