package org.custodian.mpi.internal;

import java.io.PrintStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.SsnColumn;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

/**
 * {@code mpi-scan}: links the whole index (every active registration against every other, through
 * the blocking passes, with m and u fitted by EM on the index itself) and puts each pair scoring
 * in the review band or above on the duplicate worklist. The registrations are streamed with
 * COPY ({@link IndexSnapshot}), the pairs go back with COPY into a temporary table and one INSERT … ON CONFLICT DO
 * NOTHING, so pairs already on the worklist — decided "not the same person" included — stay as
 * they are.
 */
@Component
public class MpiScan {

    /** What a scan did. */
    public record Result(int registrations, long comparedPairs, int linkPairs, int reviewPairs, int newPairs,
                         double readSeconds, double linkSeconds, double writeSeconds) {
    }

    private final DataSource dataSource;
    private final MatchEngine engine;
    private final AuditTrail audit;
    private final Clock clock;
    private final SsnColumn ssns;


    MpiScan(DataSource dataSource, MatchEngine engine, AuditTrail audit, Clock clock, SsnColumn ssns) {
        this.ssns = ssns;
        this.dataSource = dataSource;
        this.engine = engine;
        this.audit = audit;
        this.clock = clock;
    }

    public Result scan(PrintStream progress) throws Exception {
        return scan(null, progress, phase -> { });
    }

    /**
     * Scans the active registrations, or only those of {@code only} (null: all) linked with one
     * another; {@code phases} hears each phase as it begins, in words (the worklist shows it).
     */
    Result scan(long[] only, PrintStream progress, java.util.function.Consumer<String> phases) throws Exception {
        progress.printf(Locale.ROOT, "phase start-up: %.1f s since the JVM started (Spring, database pool)%n",
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
        long t0 = System.nanoTime();
        PhaseClock phase = new PhaseClock();
        phases.accept("reading the registrations");
        IndexSnapshot index = IndexSnapshot.read(dataSource, progress, ssns, only);
        List<MpiRecord> records = index.records();
        long[] ids = index.ids();
        long t1 = System.nanoTime();
        progress.printf(Locale.ROOT, "phase read: %s, %,d registrations (heap in use %,d MB)%n", phase.lap(),
                records.size(), usedMegabytes());
        progress.printf(Locale.ROOT, "linking %,d registrations (blocking, comparison, EM)...%n", records.size());
        phases.accept(String.format(Locale.ROOT, "comparing %,d registrations", records.size()));
        Linkage linkage = engine.link(records, progress);
        long t2 = System.nanoTime();
        progress.printf(Locale.ROOT, "phase link: %s, compared %,d candidate pairs (heap in use %,d MB)%n", phase.lap(),
                linkage.comparedPairs(), usedMegabytes());
        phases.accept(String.format(Locale.ROOT, "writing pairs found among %,d candidate pairs", linkage.comparedPairs()));

        StringBuilder copy = new StringBuilder();
        int link = 0;
        int review = 0;
        String now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        for (int p = 0; p < linkage.keptPairs(); p++) {
            MatchDecision d = linkage.decision(p);
            if (d == MatchDecision.NON_MATCH) {
                continue;
            }
            if (d == MatchDecision.LINK) {
                link++;
            } else {
                review++;
            }
            MpiRecord a = records.get(linkage.first(p));
            MpiRecord b = records.get(linkage.second(p));
            long ia = ids[linkage.first(p)];
            long ib = ids[linkage.second(p)];
            String risks = String.join(",", OverlayGuard.risks(a, b).stream().map(Enum::name).toList());
            copy.append(Math.min(ia, ib)).append('\t').append(Math.max(ia, ib)).append('\t')
                    .append(String.format(Locale.ROOT, "%.4f", linkage.weight(p))).append('\t').append(d.name()).append('\t')
                    .append(risks).append('\t').append(now).append('\n');
        }
        records = null; // the pairs are in the COPY buffer now
        int inserted;
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table mpi_scan_pair (patient_a bigint, patient_b bigint, weight double precision,"
                        + " match_class text, overlay_risks text, found_at timestamptz) on commit drop");
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy mpi_scan_pair from stdin (format text)", new StringReader(copy.toString()));
                inserted = s.executeUpdate("""
                        insert into mpi_pair (patient_a, patient_b, weight, match_class, overlay_risks, source, status, found_at)
                        select patient_a, patient_b, weight, match_class, overlay_risks, 'SCAN', 'OPEN', found_at from mpi_scan_pair
                        on conflict (patient_a, patient_b) do nothing""");
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        long t3 = System.nanoTime();
        progress.printf(Locale.ROOT, "phase write: %s, %,d pairs on the worklist, %,d of them new%n", phase.lap(),
                link + review, inserted);
        // The scan read every registration: one audit event for the bulk read and its outcome.
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, "DuplicatePair", null, String.format(Locale.ROOT,
                "mpi-scan of %d registrations: %d link + %d review pairs, %d new on the worklist", ids.length, link, review, inserted));
        return new Result(ids.length, linkage.comparedPairs(), link, review, inserted, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }

    private static long usedMegabytes() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    /** A text progress bar on one line, redrawn at each percent. */
    static final class Bar {
        private final PrintStream out;
        private final String label;
        private final long total;
        private long done;
        private int shown = -1;

        Bar(PrintStream out, String label, long total) {
            this.out = out;
            this.label = label;
            this.total = Math.max(1, total);
        }

        void step() {
            done++;
            int percent = (int) (done * 100 / total);
            if (percent != shown) {
                shown = percent;
                int filled = Math.min(40, percent * 40 / 100);
                out.printf(Locale.ROOT, "\r%-8s [%s%s] %3d%% %,d/%,d", label, "#".repeat(filled), " ".repeat(40 - filled),
                        Math.min(100, percent), done, total);
                out.flush();
            }
        }

        void done() {
            out.println();
        }
    }
}
