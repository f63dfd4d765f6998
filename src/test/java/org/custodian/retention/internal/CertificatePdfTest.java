package org.custodian.retention.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.custodian.support.PdfReadability;
import org.custodian.web.Fmt;
import org.junit.jupiter.api.Test;

/** The certificate of destruction prints readably, keeps every word of its long lines, and writes dates as the UI does. */
class CertificatePdfTest {

    @Test
    void certificatePrintsInBlackWithLongLinesWrappedNotCutAndLocalDates() {
        Instant destroyed = Instant.parse("2026-03-02T15:04:00Z");
        List<Destruction.Item> items = IntStream.range(0, 70).mapToObj(i -> new Destruction.Item(i, i, "M00" + i,
                "V-2001-" + i, "Inpatient record", LocalDate.of(2001, 1, 2), LocalDate.of(2011, 1, 2), 3)).toList();
        Destruction d = new Destruction(1, "DESTROYED", "US-NY", DestructionMethod.PURGE_AND_SHRED,
                "End of the retention period under the schedule for adult inpatient records of the state, as approved by the HIM committee minutes of January",
                "director", destroyed.minusSeconds(86_400), destroyed, "CD-1", items,
                List.of(new Destruction.Approval("privacy", destroyed.minusSeconds(3600))));
        byte[] pdf = CertificatePdf.render(d, "CD-1", destroyed, "General Hospital");

        PdfReadability.assertReadable(pdf, "Certificate of Destruction", "M0069", "HIM committee minutes of January",
                "Destroyed on: " + Fmt.dateTime(destroyed), "service ended 01/02/2001");
        assertThat(PdfReadability.text(pdf)).doesNotContain("UTC", "...");
    }
}
