package org.custodian.mpi.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.custodian.CliCommand;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The master patient index's CLI. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MpiSettings.class)
class MpiCommands {

    @Bean
    MatchEngine matchEngine(MpiSettings settings) {
        return new MatchEngine(settings);
    }

    @Bean
    CliCommand mpiEval(MatchEngine engine, MpiSettings settings) {
        return new CliCommand() {
            public String name() {
                return "mpi-eval";
            }

            public String usage() {
                return "FILE.csv [FILE2.csv ...]  link FEBRL-format records in memory and score the links against rec_id";
            }

            public int run(String[] args) throws Exception {
                if (args.length == 0) {
                    System.err.println("usage: mpi-eval FILE.csv [FILE2.csv ...]");
                    return 2;
                }
                List<Path> files = Arrays.stream(args).map(Path::of).toList();
                Evaluation e = evaluate(engine, files);
                print(e, settings);
                return 0;
            }
        };
    }

    @Bean
    CliCommand mpiScanCommand(DuplicateScans scans) {
        return new CliCommand() {
            public String name() {
                return "mpi-scan";
            }

            public String usage() {
                return " scan the whole index for duplicate registrations and put the pairs on the worklist";
            }

            public int run(String[] args) throws Exception {
                MpiScan.Result r = org.custodian.privacy.SystemAccess.call(org.custodian.mpi.DuplicateScan.SYSTEM_ACTOR,
                        java.util.EnumSet.noneOf(org.custodian.privacy.Permission.class), () -> scans.commandLine(System.err));
                System.out.printf(Locale.ROOT, "registrations=%d pairs compared=%d link pairs=%d review pairs=%d new on worklist=%d%n",
                        r.registrations(), r.comparedPairs(), r.linkPairs(), r.reviewPairs(), r.newPairs());
                System.out.printf(Locale.ROOT, "read=%.1fs link=%.1fs write=%.1fs%n", r.readSeconds(), r.linkSeconds(), r.writeSeconds());
                return 0;
            }
        };
    }

    /**
     * {@code mpi-eval} without Spring and without a database: it links a file in memory, so it
     * starts nothing else. The thresholds are the defaults of {@link MpiSettings}, the same values
     * application.properties sets.
     */
    static int evalOffline(String[] args) throws java.io.IOException {
        if (args.length == 0) {
            System.err.println("usage: mpi-eval FILE.csv [FILE2.csv ...]");
            return 2;
        }
        MpiSettings settings = MpiSettings.DEFAULTS;
        Evaluation e = evaluate(new MatchEngine(settings), Arrays.stream(args).map(Path::of).toList());
        print(e, settings);
        return 0;
    }

    /** A timed FEBRL evaluation: reading, linking and counting (Spring start-up excluded). */
    record Evaluation(int records, PairMetrics metrics, FellegiSunterModel model, double seconds) {
        long indexSize() {
            return records;
        }
    }

    static Evaluation evaluate(MatchEngine engine, List<Path> files) throws java.io.IOException {
        long start = System.nanoTime();
        List<MpiRecord> records = FebrlCsv.read(files);
        Linkage linkage = engine.link(records);
        PairMetrics metrics = PairMetrics.of(linkage, records.stream().map(r -> FebrlCsv.entity(r.id())).toList());
        return new Evaluation(records.size(), metrics, linkage.model(), (System.nanoTime() - start) / 1e9);
    }

    static void print(Evaluation e, MpiSettings settings) {
        PairMetrics m = e.metrics();
        System.out.printf(Locale.ROOT, "records=%d pairs compared=%d true pairs=%d%n", e.records(), m.compared(), m.truePairs());
        System.out.printf(Locale.ROOT, "EM: m fitted pass by pass with u from random pairs, estimated match share of the candidates %.4f%n",
                e.model().prior());
        System.out.printf(Locale.ROOT, "thresholds: link >= %.1f bits, review >= %.1f bits (review-band pairs count as non-matches)%n",
                settings.linkThreshold(e.indexSize()), settings.reviewThreshold(e.indexSize()));
        System.out.printf(Locale.ROOT, "true positives=%d false positives=%d false negatives=%d review pairs=%d (true %d)%n",
                m.truePositives(), m.falsePositives(), m.falseNegatives(), m.reviewPairs(), m.trueInReview());
        System.out.printf(Locale.ROOT, "precision=%.4f recall=%.4f f1=%.4f seconds=%.2f%n",
                m.precision(), m.recall(), m.f1(), e.seconds());
        long worklist = m.truePositives() + m.falsePositives() + m.reviewPairs();
        long worklistTrue = m.truePositives() + m.trueInReview();
        System.out.printf(Locale.ROOT, "bands: link precision=%.4f recall=%.4f | review pairs=%d precision=%.4f | worklist (link+review) pairs=%d precision=%.4f recall=%.4f%n",
                m.precision(), m.recall(), m.reviewPairs(), m.reviewPairs() == 0 ? 1.0 : (double) m.trueInReview() / m.reviewPairs(),
                worklist, worklist == 0 ? 1.0 : (double) worklistTrue / worklist, m.truePairs() == 0 ? 1.0 : (double) worklistTrue / m.truePairs());
    }
}
