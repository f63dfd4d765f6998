package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;

/** ORU^R01 to FHIR R4, on the samples of src/test/resources/hl7v2 parsed by HAPI as the listener parses them. */
class OruMapperTest {

    private static OruMapper.Mapped map(String sample, String filler) throws Exception {
        String text = ResultSamples.fill(sample, Map.of("CONTROL", "C1", "MRN", "M1", "FILLER", filler));
        return OruMapper.map(Hl7Parsing.parse(text), "GHHLAB", "M1");
    }

    private static Observation byLoinc(OruMapper.Mapped m, String loinc) {
        return m.observations().stream().filter(o -> o.getCode().getCodingFirstRep().getCode().equals(loinc))
                .findFirst().orElseThrow();
    }

    private static List<String> flags(Observation o) {
        return o.getInterpretation().stream().map(c -> c.getCodingFirstRep().getCode()).toList();
    }

    @Test
    void eachObrIsADiagnosticReportAndEachObxAnObservation() throws Exception {
        OruMapper.Mapped m = map("ORU-R01-results.hl7", "F100");
        assertThat(m.reports()).hasSize(2);
        assertThat(m.observations()).hasSize(6);
        assertThat(m.bundle().getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(m.bundle().getEntry()).hasSize(8);
        DiagnosticReport cbc = m.reports().get(0);
        assertThat(cbc.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(cbc.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(cbc.getCode().getCodingFirstRep().getCode()).isEqualTo("58410-2");
        assertThat(cbc.getIdentifierFirstRep().getSystem()).isEqualTo("urn:custodian:hl7v2:filler-order:GHHLAB");
        assertThat(cbc.getIdentifierFirstRep().getValue()).isEqualTo("F100^GHHLAB");
        assertThat(cbc.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("LAB");
        assertThat(cbc.getResult()).hasSize(3);
        assertThat(cbc.getResult().get(0).getReference()).isEqualTo("Observation/" + m.observations().get(0).getIdPart());
        // OBR-7 20260301083000 and OBR-22 20260301101000, no offset: read as UTC by HAPI's CommonTS here
        assertThat(cbc.getEffectiveDateTimeType().getValue()).isNotNull();
        assertThat(cbc.getIssued()).isNotNull();
        // The patient by Custodian's own MRN identifier at the sending facility.
        for (Bundle.BundleEntryComponent e : m.bundle().getEntry()) {
            String subject = e.getResource() instanceof Observation o ? o.getSubject().getReference()
                    : ((DiagnosticReport) e.getResource()).getSubject().getReference();
            assertThat(subject).isEqualTo("Patient?identifier=urn:custodian:mrn:GHHLAB|M1");
            assertThat(e.getFullUrl()).isEqualTo(e.getResource().fhirType() + "/" + e.getResource().getIdElement().getIdPart());
        }
    }

    @Test
    void numericResultsCarryValueUnitRangeAndFlags() throws Exception {
        OruMapper.Mapped m = map("ORU-R01-results.hl7", "F101");
        Observation wbc = byLoinc(m, "6690-2");
        assertThat(wbc.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        Quantity q = wbc.getValueQuantity();
        assertThat(q.getValue()).isEqualByComparingTo(new BigDecimal("11.8"));
        assertThat(q.getUnit()).isEqualTo("10*3/uL");
        assertThat(q.getCode()).isEqualTo("10*3/uL");
        assertThat(q.getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(wbc.getReferenceRangeFirstRep().getLow().getValue()).isEqualByComparingTo("4.5");
        assertThat(wbc.getReferenceRangeFirstRep().getHigh().getValue()).isEqualByComparingTo("11.0");
        assertThat(wbc.getReferenceRangeFirstRep().getHigh().getUnit()).isEqualTo("10*3/uL");
        assertThat(flags(wbc)).containsExactly("H");
        assertThat(wbc.getInterpretationFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
        assertThat(wbc.getInterpretationFirstRep().getCodingFirstRep().getDisplay()).isEqualTo("High");
        assertThat(flags(byLoinc(m, "718-7"))).containsExactly("L");
        assertThat(flags(byLoinc(m, "777-3"))).containsExactly("N");
        assertThat(flags(byLoinc(m, "2823-3"))).containsExactly("HH");
        assertThat(byLoinc(m, "6690-2").getEffectiveDateTimeType().getValue()).isNotNull();
        assertThat(byLoinc(m, "6690-2").getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
    }

    @Test
    void structuredNumericKeepsItsComparatorAndRepeatedFlagsAreAllKept() throws Exception {
        Observation creatinine = byLoinc(map("ORU-R01-results.hl7", "F102"), "2160-0");
        assertThat(creatinine.getValueQuantity().getComparator()).isEqualTo(Quantity.QuantityComparator.LESS_THAN);
        assertThat(creatinine.getValueQuantity().getValue()).isEqualByComparingTo("0.3");
        assertThat(creatinine.getValueQuantity().getUnit()).isEqualTo("mg/dL");
        assertThat(flags(creatinine)).containsExactly("L", "A");
    }

    @Test
    void textResultsAreStrings() throws Exception {
        Observation color = byLoinc(map("ORU-R01-results.hl7", "F103"), "5778-6");
        assertThat(color.getValueStringType().getValue()).isEqualTo("Yellow");
        assertThat(color.hasReferenceRange()).isFalse();
        assertThat(color.hasInterpretation()).isFalse();
    }

    /** OBX-11 C: the same resource id as the result it corrects, status corrected, the new value. */
    @Test
    void aCorrectionReplacesTheResultItCorrects() throws Exception {
        OruMapper.Mapped first = map("ORU-R01-results.hl7", "F104");
        OruMapper.Mapped correction = map("ORU-R01-correction.hl7", "F104");
        Observation before = byLoinc(first, "718-7");
        Observation after = byLoinc(correction, "718-7");
        assertThat(after.getIdPart()).isEqualTo(before.getIdPart());
        assertThat(after.getIdentifierFirstRep().getValue()).isEqualTo(before.getIdentifierFirstRep().getValue());
        assertThat(after.getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(after.getValueQuantity().getValue()).isEqualByComparingTo("14.1");
        assertThat(flags(after)).containsExactly("N");
        assertThat(correction.reports().get(0).getIdPart()).isEqualTo(first.reports().get(0).getIdPart());
        assertThat(correction.reports().get(0).getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CORRECTED);
        // Another order's hemoglobin is another result.
        assertThat(byLoinc(map("ORU-R01-results.hl7", "F105"), "718-7").getIdPart()).isNotEqualTo(before.getIdPart());
    }

    @Test
    void resultStatusesFollowHl7Table0085() {
        assertThat(OruMapper.observationStatus("F")).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(OruMapper.observationStatus("C")).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(OruMapper.observationStatus("P")).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
        assertThat(OruMapper.observationStatus("R")).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
        assertThat(OruMapper.observationStatus("X")).isEqualTo(Observation.ObservationStatus.CANCELLED);
        assertThat(OruMapper.observationStatus("W")).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
        assertThat(OruMapper.observationStatus("D")).isEqualTo(Observation.ObservationStatus.ENTEREDINERROR);
        assertThat(OruMapper.observationStatus(null)).isEqualTo(Observation.ObservationStatus.UNKNOWN);
        assertThat(OruMapper.reportStatus("F")).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(OruMapper.reportStatus("P")).isEqualTo(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY);
        assertThat(OruMapper.reportStatus("X")).isEqualTo(DiagnosticReport.DiagnosticReportStatus.CANCELLED);
    }

    @Test
    void referenceRangesThatAreNotTwoNumbersAreKeptAsBoundsOrText() {
        Observation.ObservationReferenceRangeComponent below = OruMapper.referenceRange("<200", null);
        assertThat(below.getHigh().getValue()).isEqualByComparingTo("200");
        assertThat(below.hasLow()).isFalse();
        Observation.ObservationReferenceRangeComponent above = OruMapper.referenceRange(">=60", null);
        assertThat(above.getLow().getValue()).isEqualByComparingTo("60");
        assertThat(OruMapper.referenceRange("negative", null).getText()).isEqualTo("negative");
        assertThat(OruMapper.referenceRange("-1.5 - 2", null).getLow().getValue()).isEqualByComparingTo("-1.5");
    }

    @Test
    void anUnknownFlagKeepsItsV2Code() {
        CodeableConcept c = OruMapper.interpretation("ZZ");
        assertThat(c.getCodingFirstRep().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0078");
        assertThat(c.getCodingFirstRep().getCode()).isEqualTo("ZZ");
    }

    @Test
    void aNumericValueThatIsNotANumberNamesItsField() throws Exception {
        String text = ResultSamples.fill("ORU-R01-results.hl7", Map.of("CONTROL", "C1", "MRN", "M1", "FILLER", "F106"))
                .replace("||11.8|", "||eleven|");
        assertThatThrownBy(() -> OruMapper.map(Hl7Parsing.parse(text), "GHHLAB", "M1"))
                .isInstanceOfSatisfying(AdtProblem.class, p -> assertThat(p.describe())
                        .isEqualTo("OBX-5: a numeric (NM) value that is not a number"));
    }

    @Test
    void aResultWithoutAnOrderIsRefusedNamingObr() throws Exception {
        String text = "MSH|^~\\&|LAB|GHHLAB|CUSTODIAN|HIM|20260301101500||ORU^R01|C9|P|2.5.1\rPID|1||M1^^^GHHLAB^MR||A^B\r";
        assertThatThrownBy(() -> OruMapper.map(Hl7Parsing.parse(text), "GHHLAB", "M1"))
                .isInstanceOfSatisfying(AdtProblem.class, p -> assertThat(p.describe()).startsWith("OBR"));
    }

    /** The bundle is valid FHIR JSON that HAPI reads back with every resource. */
    @Test
    void theBundleRoundTripsThroughHapiFhirJson() throws Exception {
        FhirContext fhir = FhirContext.forR4Cached();
        OruMapper.Mapped m = map("ORU-R01-results.hl7", "F107");
        String json = fhir.newJsonParser().encodeResourceToString(m.bundle());
        Bundle back = fhir.newJsonParser().parseResource(Bundle.class, json);
        assertThat(back.getEntry()).hasSize(8);
        assertThat(back.getEntry().stream().map(e -> e.getResource().fhirType()).distinct().toList())
                .containsExactly("DiagnosticReport", "Observation");
    }

    /** Versions 2.3 to 2.8 reach the mapper as the v2.8 model, and a v2.3 ORU maps the same way. */
    @Test
    void aVersion23MessageMapsTheSame() throws Exception {
        String text = ResultSamples.fill("ORU-R01-results.hl7", Map.of("CONTROL", "C1", "MRN", "M1", "FILLER", "F108"))
                .replace("|P|2.5.1", "|P|2.3");
        OruMapper.Mapped m = OruMapper.map(Hl7Parsing.parse(text), "GHHLAB", "M1");
        assertThat(m.observations()).hasSize(6);
        assertThat(byLoinc(m, "718-7").getValueQuantity().getValue()).isEqualByComparingTo("10.9");
    }
}
