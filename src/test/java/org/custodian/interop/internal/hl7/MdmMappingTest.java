package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentType;
import org.junit.jupiter.api.Test;

/** What MDM's TXA and OBX become in the chart: completion status, document type, text. */
class MdmMappingTest {

    @Test
    void completionStatusIsTheDocumentsState() {
        // HL7 table 0271: dictated, in progress, incomplete are drafts; documented and pre-authenticated
        // await the author's signature; authenticated and legally authenticated are signed.
        assertThat(MdmApplier.status("DI")).isEqualTo(DocumentStatus.DRAFT);
        assertThat(MdmApplier.status("IP")).isEqualTo(DocumentStatus.DRAFT);
        assertThat(MdmApplier.status("IN")).isEqualTo(DocumentStatus.DRAFT);
        assertThat(MdmApplier.status("DO")).isEqualTo(DocumentStatus.UNSIGNED);
        assertThat(MdmApplier.status("PA")).isEqualTo(DocumentStatus.UNSIGNED);
        assertThat(MdmApplier.status("AU")).isEqualTo(DocumentStatus.SIGNED);
        assertThat(MdmApplier.status("LA")).isEqualTo(DocumentStatus.SIGNED);
        assertThatThrownBy(() -> MdmApplier.status("ZZ")).isInstanceOfSatisfying(AdtProblem.class,
                p -> assertThat(p.describe()).startsWith("TXA-17: completion status ZZ is not one of"));
        assertThatThrownBy(() -> MdmApplier.status(null)).isInstanceOfSatisfying(AdtProblem.class,
                p -> assertThat(p.describe()).isEqualTo("TXA-17: the document completion status is required"));
    }

    @Test
    void documentTypeByHl7TableOrLoinc() {
        assertThat(MdmApplier.type("DS", "HL70270")).isEqualTo(DocumentType.DISCHARGE_SUMMARY);
        assertThat(MdmApplier.type("HP", null)).isEqualTo(DocumentType.HISTORY_AND_PHYSICAL);
        assertThat(MdmApplier.type("OP", null)).isEqualTo(DocumentType.OPERATIVE_REPORT);
        assertThat(MdmApplier.type("PN", null)).isEqualTo(DocumentType.PROGRESS_NOTE);
        assertThat(MdmApplier.type("CN", null)).isEqualTo(DocumentType.CONSULT_NOTE);
        assertThat(MdmApplier.type("11506-3", "LN")).isEqualTo(DocumentType.PROGRESS_NOTE);
        assertThatThrownBy(() -> MdmApplier.type("AR", null)).isInstanceOfSatisfying(AdtProblem.class,
                p -> assertThat(p.describe()).startsWith("TXA-2: document type AR is not one the chart files"));
    }

    @Test
    void theTextIsEveryTextObxLineInOrder() throws Exception {
        String text = ResultSamples.fill("MDM-T02-discharge-summary.hl7", Map.of("CONTROL", "C1", "MRN", "M1", "DOC", "D1",
                "VISIT", "V1"));
        assertThat(MdmApplier.text(Hl7Segments.all(Hl7Parsing.parse(text)))).isEqualTo("""
                Admitted with community acquired pneumonia.
                Treated with ceftriaxone and azithromycin.
                Discharged home in stable condition.""");
        // A T11 carries no OBX: no text.
        String cancel = ResultSamples.fill("MDM-T11-cancel.hl7", Map.of("CONTROL", "C2", "MRN", "M1", "DOC", "D1"));
        assertThat(MdmApplier.text(Hl7Segments.all(Hl7Parsing.parse(cancel)))).isNull();
    }

    @Test
    void theAuthenticationPersonAndTimeAreReadFromTxa22() throws Exception {
        String text = ResultSamples.fill("MDM-T04-signed.hl7", Map.of("CONTROL", "C1", "MRN", "M1", "DOC", "D1"));
        var txa = Hl7Segments.named(Hl7Segments.all(Hl7Parsing.parse(text)), "TXA").get(0);
        assertThat(Hl7Segments.person(txa, 22, 0)).isEqualTo("Marcus Welby");
        assertThat(Hl7Segments.instant(txa, 22, 15)).isNotNull();
        assertThat(Hl7Segments.get(txa, 12, 1)).isEqualTo("D1");
        assertThat(Hl7Segments.get(txa, 17)).isEqualTo("AU");
    }
}
