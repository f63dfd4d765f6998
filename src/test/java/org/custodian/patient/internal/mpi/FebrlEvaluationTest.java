package org.custodian.patient.internal.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine, with its one default configuration, on the FEBRL benchmark sets shared beside the project. */
class FebrlEvaluationTest {

    private static final Path FEBRL = Path.of("../shared/data/febrl");

    private final MatchEngine engine = new MatchEngine(MpiSettings.DEFAULTS);

    private PairMetrics evaluate(String... files) throws IOException {
        assumeTrue(Files.isDirectory(FEBRL), "FEBRL data not found at " + FEBRL.toAbsolutePath());
        return MpiCommands.evaluate(engine, List.of(files).stream().map(FEBRL::resolve).toList()).metrics();
    }

    @Test
    void dataset1() throws IOException {
        PairMetrics m = evaluate("dataset1.csv");
        assertThat(m.truePairs()).isEqualTo(500);
        assertThat(m.f1()).as("F1 on dataset1 (measured 1.000)").isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void dataset3MeetsTheTarget() throws IOException {
        PairMetrics m = evaluate("dataset3.csv");
        assertThat(m.f1()).as("F1 on dataset3 (target 0.97, measured 0.999)").isGreaterThanOrEqualTo(0.97);
        assertThat(m.precision()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void explanationsAddUpToTheScore() throws IOException {
        assumeTrue(Files.isDirectory(FEBRL), "FEBRL data not found");
        List<MpiRecord> records = FebrlCsv.read(List.of(FEBRL.resolve("dataset1.csv")));
        Linkage linkage = engine.link(records);
        assertThat(linkage.comparedPairs()).isPositive();
        for (int p = 0; p < Math.min(50, linkage.comparedPairs()); p++) {
            double sum = linkage.explain(p).stream().mapToDouble(FieldContribution::weight).sum();
            assertThat(sum).isCloseTo(linkage.weight(p), within(1e-9));
        }
    }

    @Test
    void recIdsNameTheirEntity() {
        assertThat(FebrlCsv.entity("rec-12-org")).isEqualTo("12");
        assertThat(FebrlCsv.entity("rec-12-dup-3")).isEqualTo("12");
    }
}
