package org.custodian.disclosure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.custodian.chart.Sensitivity;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.Delivery;
import org.custodian.disclosure.DisclosureRelease.InvoiceLine;
import org.custodian.disclosure.DisclosureRelease.Withheld;
import org.custodian.disclosure.RequesterType;
import org.junit.jupiter.api.Test;

class SegmentationAndFeesTest {

    static final List<Segmentation.Candidate> CHART = List.of(
            new Segmentation.Candidate(1, "Discharge summary", Set.of()),
            new Segmentation.Candidate(2, "Detox progress note", Set.of(Sensitivity.SUBSTANCE_USE_DISORDER)),
            new Segmentation.Candidate(3, "Therapy session note", Set.of(Sensitivity.PSYCHOTHERAPY_NOTES)),
            new Segmentation.Candidate(4, "HIV viral load consult", Set.of(Sensitivity.HIV_AIDS)));

    static Authorization naming(Sensitivity... named) {
        return new Authorization("records", "hospital", "recipient", "purpose", LocalDate.of(2030, 1, 1), null, "p",
                LocalDate.of(2026, 1, 1), false, null, Set.of(named));
    }

    @Test
    void aGeneralAuthorizationWithholdsPart2PsychotherapyNotesAndOtherSensitiveRecords() {
        Segmentation.Outcome o = Segmentation.apply(CHART, RequesterType.THIRD_PARTY, naming());
        assertThat(o.released()).extracting(Segmentation.Candidate::documentId).containsExactly(1L);
        assertThat(o.withheld()).extracting(Withheld::documentId).containsExactly(2L, 3L, 4L);
        assertThat(o.withheld().get(0).reason()).contains("42 CFR 2.31");
        assertThat(o.withheld().get(1).reason()).contains("164.508(a)(2)");
    }

    @Test
    void aSpecificAuthorizationReleasesWhatItNames() {
        Segmentation.Outcome o = Segmentation.apply(CHART, RequesterType.ATTORNEY,
                naming(Sensitivity.SUBSTANCE_USE_DISORDER, Sensitivity.PSYCHOTHERAPY_NOTES));
        assertThat(o.released()).extracting(Segmentation.Candidate::documentId).containsExactly(1L, 2L, 3L);
        assertThat(o.withheld()).extracting(Withheld::documentId).containsExactly(4L);
    }

    @Test
    void thePatientGetsTheirOwnSensitiveRecordsButNotPsychotherapyNotes() {
        Segmentation.Outcome o = Segmentation.apply(CHART, RequesterType.PATIENT, null);
        assertThat(o.released()).extracting(Segmentation.Candidate::documentId).containsExactly(1L, 2L, 4L);
        assertThat(o.withheld()).singleElement().satisfies(w -> assertThat(w.reason()).contains("164.524(a)(1)(i)"));
    }

    @Test
    void feesByRequester() {
        Fees fees = new Fees(new DisclosureSettings());
        InvoiceLine flat = fees.invoice("ROI-1", RequesterType.PATIENT, Delivery.PDF_DOWNLOAD, 40);
        assertThat(flat.amountCents()).isEqualTo(650);
        assertThat(flat.basis()).contains("flat", "164.524(c)(4)");
        InvoiceLine paper = fees.invoice("ROI-1", RequesterType.PATIENT, Delivery.PAPER, 40);
        assertThat(paper.amountCents()).isEqualTo(40 * 10 + 150);
        assertThat(paper.basis()).startsWith("cost-based");
        InvoiceLine care = fees.invoice("ROI-1", RequesterType.PROVIDER_TREATMENT, Delivery.PAPER, 40);
        assertThat(care.amountCents()).isZero();
        assertThat(care.basis()).contains("continuing care");
        assertThat(fees.invoice("ROI-1", RequesterType.ATTORNEY, Delivery.PDF_DOWNLOAD, 10).amountCents()).isEqualTo(2500 + 500);

        DisclosureSettings costBased = new DisclosureSettings();
        costBased.fee(RequesterType.PATIENT).setMode(DisclosureSettings.FeeRule.Mode.COST_BASED);
        assertThat(new Fees(costBased).invoice("ROI-2", RequesterType.PATIENT, Delivery.PDF_DOWNLOAD, 40).amountCents())
                .isEqualTo(400);
    }
}
