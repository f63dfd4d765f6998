package org.custodian.disclosure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.custodian.support.PdfReadability;
import org.junit.jupiter.api.Test;

/** The packets' page layout prints its body text in black behind a light watermark, on every page. */
class PdfComposerReadabilityTest {

    @Test
    void bodyTextPrintsNearBlackOnEveryPageDespiteTheWatermark() {
        byte[] pdf;
        try (PdfComposer composer = new PdfComposer("Release of information R-1", "General Hospital", Instant.parse("2026-03-02T15:00:00Z"))) {
            composer.title("Release of information — request R-2026-0001");
            composer.label("Patient", "Rivera, Ana, MRN M000123");
            composer.text("Enclosed are copies of the health records described below. ".repeat(8));
            composer.newPage();
            composer.heading("Discharge summary");
            composer.text("Patient admitted with community-acquired pneumonia. ".repeat(6));
            pdf = composer.finish("General Hospital · Request R-2026-0001 · Confidential", "R-2026-0001");
        }
        PdfReadability.assertReadable(pdf, "Rivera, Ana, MRN M000123", "Discharge summary", "Page 2 of 2");
        assertThat(PdfReadability.measure(pdf)).allSatisfy(m -> assertThat(m.contrast()).isGreaterThanOrEqualTo(15));
    }
}
