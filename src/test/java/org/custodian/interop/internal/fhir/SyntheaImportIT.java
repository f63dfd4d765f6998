package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issues #3 and #15, must show: every Synthea bundle in ../shared/data/synthea imports, the counts per
 *  resource type match the files (every type: nothing is reported as not kept), and a second
 * import changes nothing.
 */
@CustodianTest
class SyntheaImportIT {

    @Autowired FhirImports imports;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    @Test
    void everySyntheaBundleImportsWithTheFilesCountsAndASecondImportChangesNothing() throws Exception {
        List<Path> files = SyntheaFiles.bundles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(49);
        assertThat(files.get(0).getFileName().toString()).startsWith("hospitalInformation");
        importAndCheck(files);
    }

    @Test
    void syntheaBulkNdjsonImportsPerFileWithTheFilesCounts() throws Exception {
        importAndCheck(SyntheaFiles.ndjson("ndjson-10-patients"));
        importAndCheck(SyntheaFiles.ndjson("ndjson-100-patients"));
    }

    private void importAndCheck(List<Path> files) throws Exception {
        Map<String, Long> before = rowCounts();
        Map<String, Integer> created = new TreeMap<>();
        int filedOnce = 0;
        int reportsWithText = 0;
        long inFiles = 0;
        for (Path file : files) {
            Map<String, Integer> expected = SyntheaFiles.expected(file);
            inFiles += expected.values().stream().mapToInt(Integer::intValue).sum();
            FhirImports.Outcome outcome = importAs(file);
            assertThat(outcome.rejection()).as(file + " rejected").isNull();
            // The database is shared with other tests: what this run did not create was there already.
            Map<String, Integer> seen = new TreeMap<>(outcome.report().created());
            outcome.report().unchanged().forEach((type, n) -> seen.merge(type, n, Integer::sum));
            // Another set of the same population may carry a resource with other content: a new version.
            outcome.report().updated().forEach((type, n) -> seen.merge(type, n, Integer::sum));
            if (outcome.report().created().containsKey("DiagnosticReport")) {
                reportsWithText += SyntheaFiles.reportsWithText(file);
            }
            assertThat(seen).as(file.toString()).isEqualTo(expected);
            outcome.report().created().forEach((type, n) -> created.merge(type, n, Integer::sum));
            filedOnce += (int) outcome.report().entries().stream()
                    .filter(e -> e.note() != null && e.note().startsWith(ImportReport.SAME_DOCUMENT)).count();
        }
        Map<String, Long> after = rowCounts();
        assertThat(after.get("patient") - before.get("patient")).isEqualTo((long) created.getOrDefault("Patient", 0));
        assertThat(after.get("encounter") - before.get("encounter")).isEqualTo((long) created.getOrDefault("Encounter", 0));
        assertThat(after.get("finding") - before.get("finding"))
                .isEqualTo((long) created.getOrDefault("Condition", 0) + created.getOrDefault("Procedure", 0));
        // Synthea sends each note as a DiagnosticReport and again as a DocumentReference: filed once.
        assertThat(after.get("document") - before.get("document")).isEqualTo((long) created.getOrDefault("DocumentReference", 0)
                + reportsWithText - filedOnce);
        assertThat(filedOnce).isLessThanOrEqualTo(reportsWithText);
        // Every resource of every type is kept as received, each once: a row for each created one, and
        // at most one per resource of the files (a practitioner the chart's directory already knew by its
        // NPI under another id is reported unchanged there, yet kept as received under its own id).
        assertThat(after.get("resource") - before.get("resource"))
                .isGreaterThanOrEqualTo((long) created.values().stream().mapToInt(Integer::intValue).sum())
                .isLessThanOrEqualTo(inFiles);

        for (Path file : files) {
            FhirImports.Outcome again = importAs(file);
            assertThat(again.rejection()).isNull();
            assertThat(again.report().created()).as("second import of " + file).isEmpty();
            assertThat(again.report().unchanged()).isEqualTo(SyntheaFiles.expected(file));
        }
        assertThat(rowCounts()).isEqualTo(after);
    }

    private FhirImports.Outcome importAs(Path file) {
        FhirImports.Outcome[] result = new FhirImports.Outcome[1];
        accounts.runAs(Role.INTERFACE_ENGINE, () -> result[0] = imports.importFile(file));
        return result[0];
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("patient", count("patient"));
        counts.put("encounter", count("encounter"));
        counts.put("document", count("clinical_document"));
        counts.put("finding", count("chart_finding"));
        counts.put("map", count("fhir_source_map"));
        counts.put("resource", count("clinical_resource"));
        return counts;
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

}
