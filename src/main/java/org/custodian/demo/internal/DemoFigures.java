package org.custodian.demo.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.HospitalClock;
import org.custodian.chart.Amendments;
import org.custodian.coding.CodingHistory;
import org.custodian.completion.CompletionHistory;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.NewAmendmentRequest;
import org.custodian.chart.NewDocument;
import org.custodian.demo.DemoHospital;
import org.custodian.disclosure.Delivery;
import org.custodian.disclosure.NewDisclosureRequest;
import org.custodian.disclosure.AccountingOfDisclosures;
import org.custodian.disclosure.ReleaseOfInformation;
import org.custodian.disclosure.RequesterType;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The department's recent work, so that every dashboard tile has a figure at first start (the
 * duplicate worklist is filled by the index's own scan, {@link DemoDuplicateScan}): requests for records (most
 * released within HIPAA's 30 days, two overdue, some due this week), requests to amend (one past
 * its 60 days), the director's dual-coding audit of some coded stays (coding accuracy) and the laboratory
 * interface's last hours ({@link DemoFeed}: results applied, two messages in error). The department's work is
 * done by the demo HIM director, the feed by the interface engine, through the modules' public APIs, so it is
 * audited as any other work.
 */
@Component
class DemoFigures {

    private static final Logger log = LoggerFactory.getLogger(DemoFigures.class);

    /** Days before today each demo request for records was received; released ones were released today. */
    static final int[] RELEASED = {5, 9, 12, 16, 21, 25, 28};
    static final int[] OPEN = {2, 24, 26, 27, 36, 44};
    /** Days before today each demo request to amend was received (70: past the 60 days of 45 CFR 164.526(b)(2)). */
    static final int[] AMENDMENTS = {8, 31, 70};

    /** Days before today each demo request for an accounting was received (56: due within 4 days, 45 CFR 164.528(c)(1)). */
    static final int[] ACCOUNTINGS = {6, 56};

    private final ReleaseOfInformation roi;
    private final AccountingOfDisclosures accounting;
    private final Amendments amendments;
    private final HospitalClock clock;
    private final CodingHistory coding;
    private final DemoFeed feed;
    private final CompletionHistory completion;

    DemoFigures(ReleaseOfInformation roi, Amendments amendments, HospitalClock clock,
                CodingHistory coding, AccountingOfDisclosures accounting, DemoFeed feed, CompletionHistory completion) {
        this.feed = feed;
        this.completion = completion;
        this.coding = coding;
        this.accounting = accounting;
        this.roi = roi;
        this.amendments = amendments;
        this.clock = clock;
    }

    /** Records the work; a failure is logged and leaves the rest of the demo as it is. */
    void record(DemoHospital hospital, DemoLoader.Loaded loaded) {
        // As the demo's HIM director: the services check her permissions and the audit log names her.
        var director = SystemAccess.authentication(DemoStaff.username(Role.HIM_DIRECTOR), Role.HIM_DIRECTOR);
        try {
            SystemAccess.callAs(director, () -> {
                recordWork(hospital, loaded);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Demo department work not recorded: {}", e.toString());
        }
        try {
            feed.send(hospital);
        } catch (RuntimeException e) {
            log.warn("Demo laboratory feed not sent: {}", e.toString());
        }
    }

    private void recordWork(DemoHospital hospital, DemoLoader.Loaded loaded) {
        LocalDate today = clock.today();
        List<Long> patients = loaded.patientIds();
        int k = 0;
        for (int days : RELEASED) {
            long id = request(patients.get((k++ * 37) % patients.size()), today.minusDays(days));
            roi.release(id);
        }
        for (int days : OPEN) {
            request(patients.get((k++ * 37) % patients.size()), today.minusDays(days));
        }
        for (int days : ACCOUNTINGS) {
            accounting.receive(patients.get((k++ * 37) % patients.size()), "The patient", today.minusDays(days));
        }
        List<Long> signed = signedDocuments(hospital, loaded);
        for (int i = 0; i < AMENDMENTS.length && i < signed.size(); i++) {
            amendments.receive(new NewAmendmentRequest(signed.get((i * 53) % signed.size()),
                    "The allergy recorded as penicillin is to sulfa drugs.", "I have never reacted to penicillin.",
                    today.minusDays(AMENDMENTS[i])));
        }
        int converted = completion.importCompleted(completedSignatures(hospital, loaded));
        int audited = DemoCoding.recordAudits(coding, hospital, loaded.encounterIds(), DemoHospitalGenerator.ZONE,
                clock.getZone(), DemoStaff.username(Role.HIM_DIRECTOR));
        log.info("Demo department work: {} requests for records, {} requests to amend, "
                + "{} stays re-coded for the dual-coding audit, {} completed signature deficiencies converted",
                RELEASED.length + OPEN.length, Math.min(AMENDMENTS.length, signed.size()), audited, converted);
    }

    private long request(long patientId, LocalDate receivedOn) {
        return roi.intake(new NewDisclosureRequest(patientId, RequesterType.PROVIDER_TREATMENT, "Riverside Family Practice",
                null, "continuing care", Delivery.PDF_DOWNLOAD, receivedOn, null, null, null, null, null, null, null)).id();
    }

    /**
     * The signature deficiencies of the last {@value #HISTORY_DAYS} days' notes, each open from the
     * note's writing to its signature (42 CFR 482.24(c)(1)), as the previous completion system would
     * hand them over at go-live: the completion-time figures have their history at first start.
     */
    static List<CompletionHistory.CompletedBefore> completedSignatures(DemoHospital hospital, DemoLoader.Loaded loaded) {
        java.time.Instant since = hospital.asOf().minus(java.time.Duration.ofDays(HISTORY_DAYS));
        return signedNotes(hospital, loaded).stream().filter(n -> n.note().createdAt().isAfter(since))
                .map(n -> new CompletionHistory.CompletedBefore(n.encounterId(), null, "AUTHENTICATION", n.documentId(),
                        n.note().createdAt(), n.note().signedAt(), "analysis"))
                .toList();
    }

    /** How far back the demo's converted completion history reaches. */
    static final int HISTORY_DAYS = 120;

    private static List<Long> signedDocuments(DemoHospital hospital, DemoLoader.Loaded loaded) {
        return signedNotes(hospital, loaded).stream().map(SignedNote::documentId).toList();
    }

    /** A signed note of the demo hospital with the ids it was loaded under. */
    private record SignedNote(NewDocument note, long encounterId, long documentId) {
    }

    /** Every signed note, in load order (documents are loaded visit by visit, in each visit's order). */
    private static List<SignedNote> signedNotes(DemoHospital hospital, DemoLoader.Loaded loaded) {
        List<SignedNote> signed = new ArrayList<>();
        int k = 0;
        for (int v = 0; v < hospital.visits().size(); v++) {
            for (NewDocument d : hospital.visits().get(v).documents()) {
                if (d.status() == DocumentStatus.SIGNED) {
                    signed.add(new SignedNote(d, loaded.encounterIds().get(v), loaded.documentIds().get(k)));
                }
                k++;
            }
        }
        return signed;
    }
}
