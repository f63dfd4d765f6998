package org.custodian.reimbursement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.custodian.reimbursement.Claim;
import org.custodian.reimbursement.DrgPricing;
import org.custodian.reimbursement.Grouper;
import org.custodian.reimbursement.GrouperVersionNotLoadedException;
import org.custodian.reimbursement.BaseRate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load-grouper}'s reading of a release: the shared v43 tables, laid out as a v44 release, are
 * valid and group FY2027 discharges; a broken copy is refused whole with every error's file and line.
 */
class GrouperReleaseTest {

    static Path sharedV43() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("shared/data/cms/ms-drg-v43"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("shared/data/cms/ms-drg-v43 not found");
        }
        return dir.resolve("shared/data/cms/ms-drg-v43");
    }

    /** The v43 tables copied into {@code to} with v44's folder and file names (content unchanged). */
    static Path asV44(Path to) throws IOException {
        Path v43 = sharedV43();
        for (String[] d : new String[][] {{"v43.0", "v44.0"}, {"v43.1", "v44.1"}}) {
            Files.createDirectories(to.resolve(d[1]));
            try (var files = Files.list(v43.resolve(d[0]))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(d[1]).resolve(f.getFileName().toString()));
                }
            }
        }
        Files.createDirectories(to.resolve("mce-v44.0"));
        Files.copy(v43.resolve("mce-v43.1/mce_discharge_status.tsv"), to.resolve("mce-v44.0/mce_discharge_status.tsv"));
        Files.copy(v43.resolve("table5_fy2026_weights_gmlos.tsv"), to.resolve("table5_fy2027_weights_gmlos.tsv"));
        Files.writeString(to.resolve("README.md"), "not a table: ignored");
        return to;
    }

    static Claim pneumonia(LocalDate discharge) {
        return new Claim(70, "F", "01", discharge, "J189", List.of(new Claim.SecondaryDx("J9601", "Y")), List.of());
    }

    @Test
    void aValidReleaseGroupsItsFiscalYearAndPricesWithItsOwnTable5(@TempDir Path tmp) throws IOException {
        GrouperRelease.Result r = GrouperRelease.read(asV44(tmp));
        assertThat(r.errors()).isEmpty();
        assertThat(r.release().version()).isEqualTo("v44");
        assertThat(r.release().fiscalYear()).isEqualTo(2027);
        assertThat(r.release().layout().versions()).extracting(GrouperTables.VersionFolder::from)
                .containsExactly(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 4, 1));
        assertThat(r.release().files()).doesNotContainKey("README.md");

        Grouper before = Grouper.bundled();
        assertThatThrownBy(() -> before.group(pneumonia(LocalDate.of(2026, 11, 2))))
                .isInstanceOf(GrouperVersionNotLoadedException.class).hasMessageStartingWith("grouper v44 not loaded");

        Grouper after = Grouper.withReleases(List.of(GrouperRelease.of(r.release().files()).tables()));
        assertThat(after.versionFor(LocalDate.of(2026, 3, 31))).isEqualTo("43.0");
        assertThat(after.versionFor(LocalDate.of(2026, 9, 30))).isEqualTo("43.1");
        assertThat(after.versionFor(LocalDate.of(2026, 10, 1))).isEqualTo("44.0");
        assertThat(after.versionFor(LocalDate.of(2027, 4, 1))).isEqualTo("44.1");
        assertThat(after.group(pneumonia(LocalDate.of(2026, 11, 2))).finalDrg()).isEqualTo(193);
        assertThatThrownBy(() -> after.group(pneumonia(LocalDate.of(2027, 10, 1))))
                .isInstanceOf(GrouperVersionNotLoadedException.class).hasMessageStartingWith("grouper v45 not loaded");

        // FY2027 is priced with the release's Table 5 (here a copy of FY2026's, weight 1.8818 for DRG 193 scaled)
        var fy2027 = r.release().weights().stream().map(w -> w.drg().equals("193")
                ? new org.custodian.reimbursement.DrgWeight(w.drg(), w.mdc(), w.type(), w.title(),
                        w.weight().multiply(java.math.BigDecimal.TEN), w.gmlos(), w.amlos())
                : w).toList();
        BaseRate rate = new BaseRate(2027, new java.math.BigDecimal("1000.00"), java.math.BigDecimal.ZERO, "test");
        BaseRate rate26 = new BaseRate(2026, new java.math.BigDecimal("1000.00"), java.math.BigDecimal.ZERO, "test");
        DrgPricing pricing = new DrgPricing(Table5.fy2026(), Map.of(2027, fy2027), List.of(rate26, rate));
        assertThat(pricing.expectedPayment(193, LocalDate.of(2026, 11, 2)).amount())
                .isEqualByComparingTo(pricing.expectedPayment(193, LocalDate.of(2026, 9, 2)).amount()
                        .multiply(java.math.BigDecimal.TEN));
    }

    @Test
    void theBundledVersionIsNotLoadedAgain(@TempDir Path tmp) throws IOException {
        Path v43 = sharedV43();
        GrouperRelease.Result r = GrouperRelease.read(v43);
        assertThat(r.release()).isNull();
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).contains("v43 is bundled"));
        assertThat(GrouperRelease.read(tmp).errors()).singleElement().asString().contains("no version folder");
    }

    @Test
    void aBrokenReleaseIsRefusedWholeWithEveryErrorsFileAndLine(@TempDir Path tmp) throws IOException {
        Path dir = asV44(tmp);
        replaceLine(dir.resolve("v44.0/drg_formulas.tsv"), 5, l -> l.replaceFirst("\t[^\t]*$", "\tMCC & ( pacemake"));
        replaceLine(dir.resolve("v44.0/dx_codes.tsv.gz"), 3, l -> l.replace("\tCC\t", "\tXX\t"));
        replaceLine(dir.resolve("table5_fy2027_weights_gmlos.tsv"), 2, l -> l.replace("28.0239", "heavy"));
        Files.delete(dir.resolve("v44.1/clusters.tsv"));
        GrouperRelease.Result missing = GrouperRelease.read(dir);
        assertThat(missing.release()).isNull();
        assertThat(missing.errors()).containsExactly("v44.1/clusters.tsv: missing");

        Files.copy(dir.resolve("v44.0/clusters.tsv"), dir.resolve("v44.1/clusters.tsv"));
        GrouperRelease.Result r = GrouperRelease.read(dir);
        assertThat(r.release()).isNull();
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("v44.0/drg_formulas.tsv line 5: ")
                .contains("missing ')'"));
        assertThat(r.errors()).contains("v44.0/dx_codes.tsv.gz line 3: severity must be CC, MCC or NCC, not 'XX'");
        assertThat(r.errors()).contains("table5_fy2027_weights_gmlos.tsv line 2: weight must be a number, not 'heavy'");
        // DRG 001 lost its weight: every formula row sending to it says so
        assertThat(r.errors()).anySatisfy(e -> assertThat(e).startsWith("v44.0/drg_formulas.tsv line ")
                .endsWith("MS-DRG 1 has no weight in table5_fy2027_weights_gmlos.tsv"));
    }

    interface Edit {
        String apply(String line);
    }

    static void replaceLine(Path file, int lineNo, Edit edit) throws IOException {
        boolean gz = file.toString().endsWith(".gz");
        String text;
        try (InputStream in = gz ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = text.split("\n", -1);
        lines[lineNo - 1] = edit.apply(lines[lineNo - 1]);
        byte[] out = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        if (gz) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(b)) {
                g.write(out);
            }
            out = b.toByteArray();
        }
        Files.write(file, out);
    }
}
