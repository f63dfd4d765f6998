package org.custodian.interop.internal.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The CLI: a folder with a good and a bad bundle: totals, the bad file named with its reason, exit 1. */
@CustodianTest
class ImportFhirCommandIT {

    @Autowired ImportFhirCommand command;

    @Test
    void aFolderWithOneRejectedFileReportsItAndExitsNonZero() throws Exception {
        Path dir = Files.createTempDirectory("custodian-test-fhir-");
        try {
            String p = UUID.randomUUID().toString();
            Files.writeString(dir.resolve("good.json"), FhirApiIT.bundle("collection", p, "Cli", null));
            Files.writeString(dir.resolve("bad.json"), FhirApiIT.bundle("transaction", UUID.randomUUID().toString(), "Cli",
                    FhirApiIT.encounter(UUID.randomUUID().toString(), "urn:uuid:" + UUID.randomUUID(), "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            command.redirect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = command.run(new String[] {dir.toString()});
            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(status).isEqualTo(1);
            assertThat(report).contains("2 file(s), 1 accepted, 1 rejected").contains("created:    Patient 1")
                    .contains("bad.json: entry 1 (Encounter), Encounter.subject: unresolvable reference");
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("[##############################] 2/2 files");

            out.reset();
            assertThat(command.run(new String[] {dir.resolve("good.json").toString()})).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("unchanged:  Patient 1");
        } finally {
            command.redirect(System.out, System.err);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Issue #15: every Synthea resource type is kept, so the report has no "not kept" line. */
    @Test
    void aSyntheaFolderIsKeptWhole() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        command.redirect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThat(command.run(new String[] {SyntheaFiles.ROOT.resolve("bundles-covid-juvenile").toString()})).isZero();
        } finally {
            command.redirect(System.out, System.err);
        }
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).doesNotContain("not kept").containsPattern("(created|unchanged): .*Observation \\d+")
                .containsPattern("(created|unchanged): .*Immunization \\d+").containsPattern("(created|unchanged): .*ExplanationOfBenefit \\d+");
    }
}
