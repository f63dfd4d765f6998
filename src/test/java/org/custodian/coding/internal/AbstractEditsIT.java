package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.coding.CodingEdit;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each edit firing and not firing, on abstracts saved through the service against the real
 * FY2025/FY2026 code sets, the Medicare Code Editor v43 (FY2026 discharges) and the FY2026 POA-exempt list.
 */
@CustodianTest
class AbstractEditsIT {

    static final LocalDate FY2026_DISCHARGE = LocalDate.of(2025, 11, 14);

    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcAbstracts abstracts;

    private static AbstractInput.Diagnosis dx(String code, String poa) {
        return new AbstractInput.Diagnosis(code, poa);
    }

    private static AbstractInput.Procedure px(String code, LocalDate date) {
        return new AbstractInput.Procedure(code, date);
    }

    private static AbstractInput input(AbstractInput.Diagnosis principal, List<AbstractInput.Diagnosis> secondaries,
            AbstractInput.Procedure principalPx, List<AbstractInput.Procedure> others) {
        return new AbstractInput(principal, secondaries, principalPx, others, "01", "1");
    }

    /** The edits of saving the input for a stay of a patient of that birth date and sex. */
    private List<CodingEdit> edits(LocalDate birth, AdministrativeSex sex, LocalDate discharge, EncounterClass cls,
            AbstractInput in) {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, birth, sex, discharge, cls);
        List<CodingEdit> result = new ArrayList<>();
        accounts.runAs(Role.CODER, () -> result.addAll(abstracts.save(stay.encounterId(), JdbcAbstracts.BILLING, in).edits()));
        return result;
    }

    private List<CodingEdit> adultFemale(AbstractInput in) {
        return edits(LocalDate.of(1960, 5, 5), AdministrativeSex.F, FY2026_DISCHARGE, EncounterClass.INPATIENT, in);
    }

    private static List<String> rules(List<CodingEdit> edits) {
        return edits.stream().map(CodingEdit::rule).toList();
    }

    @Test
    void aCleanAbstractHasNoEdits() {
        List<CodingEdit> edits = adultFemale(input(dx("J18.9", "Y"), List.of(dx("E11.65", "Y"), dx("I10", "Y"), dx("Z87.891", null)),
                px("0BH17EZ", FY2026_DISCHARGE.minusDays(1)), List.of()));
        assertThat(edits).isEmpty();
    }

    @Test
    void invalidAndHeaderCodesAreErrorsNamingTheCodeSet() {
        List<CodingEdit> edits = adultFemale(input(dx("J18", "Y"), List.of(dx("X99.999", "Y")), null, List.of()));
        assertThat(edits).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("NON_BILLABLE_CODE");
            assertThat(e.field()).isEqualTo("principalDiagnosis");
            assertThat(e.severity()).isEqualTo(CodingEdit.Severity.ERROR);
            assertThat(e.source()).isEqualTo("ICD-10-CM FY2026");
        });
        assertThat(edits).anySatisfy(e -> {
            assertThat(e.rule()).isEqualTo("INVALID_CODE");
            assertThat(e.field()).isEqualTo("secondaryDiagnoses[0]");
        });
    }

    /** D71 was subdivided for FY2026: valid for a discharge on 30 September 2025, not on 1 October 2025. */
    @Test
    void fiscalYearBoundaryWithTheRealFiles() {
        AbstractInput in = input(dx("D71", "Y"), List.of(), null, List.of());
        LocalDate birth = LocalDate.of(1970, 1, 1);
        List<CodingEdit> sept30 = edits(birth, AdministrativeSex.M, LocalDate.of(2025, 9, 30), EncounterClass.INPATIENT, in);
        List<CodingEdit> oct1 = edits(birth, AdministrativeSex.M, LocalDate.of(2025, 10, 1), EncounterClass.INPATIENT, in);
        assertThat(rules(sept30)).doesNotContain("INVALID_CODE", "NON_BILLABLE_CODE");
        assertThat(oct1).anySatisfy(e -> {
            assertThat(e.rule()).isIn("INVALID_CODE", "NON_BILLABLE_CODE");
            assertThat(e.source()).isEqualTo("ICD-10-CM FY2026");
        });
    }

    @Test
    void duplicates() {
        List<CodingEdit> edits = adultFemale(input(dx("J18.9", "Y"), List.of(dx("I10", "Y"), dx("J18.9", "Y"), dx("I10", "Y")),
                null, List.of()));
        assertThat(edits).filteredOn(e -> e.rule().equals("DUPLICATE_OF_PRINCIPAL"))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("secondaryDiagnoses[1]");
                    assertThat(e.severity()).isEqualTo(CodingEdit.Severity.ERROR);
                });
        assertThat(edits).filteredOn(e -> e.rule().equals("DUPLICATE_DIAGNOSIS"))
                .singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("secondaryDiagnoses[2]"));
        assertThat(rules(adultFemale(input(dx("J18.9", "Y"), List.of(dx("I10", "Y")), null, List.of()))))
                .doesNotContain("DUPLICATE_OF_PRINCIPAL", "DUPLICATE_DIAGNOSIS");
    }

    @Test
    void poaMissingOrInvalidOnInpatientDiagnoses() {
        List<CodingEdit> edits = adultFemale(input(dx("J18.9", null), List.of(dx("I10", "X"), dx("E11.65", "1")), null, List.of()));
        assertThat(edits).filteredOn(e -> e.rule().equals("POA_MISSING")).extracting(CodingEdit::field)
                .containsExactly("principalDiagnosis");
        assertThat(edits).filteredOn(e -> e.rule().equals("POA_INVALID")).extracting(CodingEdit::field)
                .containsExactly("secondaryDiagnoses[0]", "secondaryDiagnoses[1]");
        assertThat(edits).filteredOn(e -> e.rule().startsWith("POA")).allSatisfy(e ->
                assertThat(e.severity()).isEqualTo(CodingEdit.Severity.ERROR));
        // Not fired: every indicator given and valid; and not required outside an inpatient stay.
        assertThat(rules(adultFemale(input(dx("J18.9", "N"), List.of(dx("I10", "U"), dx("E11.65", "W")), null, List.of()))))
                .noneMatch(r -> r.startsWith("POA"));
        assertThat(rules(edits(LocalDate.of(1960, 5, 5), AdministrativeSex.F, FY2026_DISCHARGE, EncounterClass.OUTPATIENT,
                input(dx("J18.9", null), List.of(), null, List.of())))).doesNotContain("POA_MISSING");
    }

    @Test
    void poaOnAnExemptCodeNamesTheExemptList() {
        List<CodingEdit> edits = adultFemale(input(dx("J18.9", "Y"), List.of(dx("Z87.891", "Y")), null, List.of()));
        assertThat(edits).singleElement().satisfies(e -> {
            assertThat(e.rule()).isEqualTo("POA_ON_EXEMPT_CODE");
            assertThat(e.code()).isEqualTo("Z87.891");
            assertThat(e.source()).isEqualTo("POA-exempt list FY2026");
        });
        assertThat(adultFemale(input(dx("J18.9", "Y"), List.of(dx("Z87.891", null), dx("Y92.009", "1")), null, List.of())))
                .isEmpty();
    }

    @Test
    void ageConflictsFromTheMce() {
        // Z38.00 (single liveborn, vaginal) is newborn-only: fires for a 65-year-old, not for a newborn.
        AbstractInput in = input(dx("J18.9", "Y"), List.of(dx("Z38.00", null)), null, List.of());
        List<CodingEdit> adult = edits(LocalDate.of(1960, 5, 5), AdministrativeSex.M, FY2026_DISCHARGE, EncounterClass.INPATIENT, in);
        assertThat(adult).filteredOn(e -> e.rule().equals("AGE_CONFLICT")).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("MCE v43 edit 4 (Age conflict)");
            assertThat(e.code()).isEqualTo("Z38.00");
            assertThat(e.field()).isEqualTo("secondaryDiagnoses[0]");
        });
        List<CodingEdit> newborn = edits(FY2026_DISCHARGE.minusDays(2), AdministrativeSex.M, FY2026_DISCHARGE,
                EncounterClass.INPATIENT, in);
        assertThat(rules(newborn)).doesNotContain("AGE_CONFLICT");
    }

    @Test
    void maternityAgeRangeOfMceV43() {
        // MCE v43's maternity range is 9-64 (v37 said 12-55): O80 at 64 passes, at 65 conflicts.
        AbstractInput in = input(dx("O80", "Y"), List.of(dx("Z3A.39", null)), null, List.of());
        assertThat(rules(edits(FY2026_DISCHARGE.minusYears(64).minusDays(10), AdministrativeSex.F, FY2026_DISCHARGE,
                EncounterClass.INPATIENT, in))).doesNotContain("AGE_CONFLICT");
        assertThat(edits(FY2026_DISCHARGE.minusYears(65).minusDays(10), AdministrativeSex.F, FY2026_DISCHARGE,
                EncounterClass.INPATIENT, in)).filteredOn(e -> e.rule().equals("AGE_CONFLICT")).extracting(CodingEdit::field)
                .contains("principalDiagnosis");
    }

    @Test
    void noSexConflictSinceCmsDeactivatedTheEdit() {
        // MCE edit 5 is deactivated for discharges from 2024-10-01 (MCE v42): the v43 tables carry no
        // sex flags, so A18.16 (tuberculosis of the cervix) and a hysterectomy raise none on a male.
        AbstractInput in = input(dx("N39.0", "Y"), List.of(dx("A18.16", "Y")), px("0UT90ZZ", FY2026_DISCHARGE.minusDays(1)), List.of());
        List<CodingEdit> male = edits(LocalDate.of(1960, 5, 5), AdministrativeSex.M, FY2026_DISCHARGE, EncounterClass.INPATIENT, in);
        assertThat(rules(male)).doesNotContain("SEX_CONFLICT");
    }

    @Test
    void aFy2027DischargeIsCheckedAgainstTheFy2027CodeSets() {
        // I42.00 and the PCS code 3E033AZ: new in ICD-10-CM FY2027 / the PCS April 2026 update, in the FY2027 sets.
        AbstractInput in = input(dx("I42.00", "Y"), List.of(), px("3E033AZ", LocalDate.of(2026, 10, 19)), List.of());
        List<CodingEdit> edits = edits(LocalDate.of(1960, 5, 5), AdministrativeSex.M, LocalDate.of(2026, 10, 20),
                EncounterClass.INPATIENT, in);
        assertThat(rules(edits)).doesNotContain("CODE_SET_NOT_LOADED", "INVALID_CODE").contains("POA_EXEMPT_LIST_NOT_LOADED");
        // I42.0 became a header in FY2027: no longer billable for such a discharge, still billable in FY2026.
        assertThat(rules(edits(LocalDate.of(1960, 5, 5), AdministrativeSex.M, LocalDate.of(2026, 10, 20), EncounterClass.INPATIENT,
                input(dx("I42.0", "Y"), List.of(), null, List.of())))).contains("NON_BILLABLE_CODE");
        assertThat(rules(adultFemale(input(dx("I42.0", "Y"), List.of(), null, List.of())))).doesNotContain("NON_BILLABLE_CODE");
    }

    @Test
    void aFy2027DischargeSaysMceV44IsNotLoadedAndUsesNoOlderList() {
        // Z38.00 on an adult: MCE v43 would raise edit 4, but the discharge needs v44, which is not loaded.
        AbstractInput in = input(dx("J18.9", "Y"), List.of(dx("Z38.00", null)), null, List.of());
        List<CodingEdit> edits = edits(LocalDate.of(1960, 5, 5), AdministrativeSex.M, LocalDate.of(2026, 10, 20),
                EncounterClass.INPATIENT, in);
        assertThat(edits).filteredOn(e -> e.rule().equals("MCE_NOT_LOADED")).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("MCE v44");
            assertThat(e.message()).contains("MCE v44 is not loaded");
            assertThat(e.severity()).isEqualTo(CodingEdit.Severity.WARNING);
        });
        assertThat(rules(edits)).doesNotContain("AGE_CONFLICT");
    }

    @Test
    void principalDiagnosisEdits() {
        assertThat(adultFemale(input(dx("D63.1", "Y"), List.of(dx("N18.4", "Y")), null, List.of())))
                .filteredOn(e -> e.rule().equals("MANIFESTATION_AS_PRINCIPAL")).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("MCE v43 edit 6 (Manifestation code as principal diagnosis)"));
        assertThat(adultFemale(input(dx("B95.0", "Y"), List.of(), null, List.of())))
                .extracting(CodingEdit::rule).contains("UNACCEPTABLE_PRINCIPAL");
        // Inpatient only: a wellness visit's Z00.00 is unacceptable as an inpatient principal, right first-listed in a clinic.
        assertThat(adultFemale(input(dx("Z00.00", "Y"), List.of(), null, List.of())))
                .extracting(CodingEdit::rule).contains("UNACCEPTABLE_PRINCIPAL");
        assertThat(rules(edits(LocalDate.of(1960, 5, 5), AdministrativeSex.F, FY2026_DISCHARGE, EncounterClass.OUTPATIENT,
                input(dx("Z00.00", null), List.of(), null, List.of())))).doesNotContain("UNACCEPTABLE_PRINCIPAL");
        assertThat(adultFemale(input(dx("W19.XXXA", null), List.of(), null, List.of())))
                .filteredOn(e -> e.rule().equals("EXTERNAL_CAUSE_AS_PRINCIPAL")).singleElement()
                .satisfies(e -> assertThat(e.severity()).isEqualTo(CodingEdit.Severity.ERROR));
        // The same codes as secondaries raise none of these.
        assertThat(rules(adultFemale(input(dx("N18.4", "Y"), List.of(dx("D63.1", "Y"), dx("B95.0", "Y"), dx("W19.XXXA", null)),
                null, List.of())))).doesNotContain("MANIFESTATION_AS_PRINCIPAL", "UNACCEPTABLE_PRINCIPAL",
                "EXTERNAL_CAUSE_AS_PRINCIPAL");
    }

    @Test
    void missingPrincipalAndProcedureDates() {
        List<CodingEdit> edits = adultFemale(input(null, List.of(dx("I10", "Y")), px("0BH17EZ", null),
                List.of(px("0UT90ZZ", FY2026_DISCHARGE.plusDays(5)))));
        assertThat(rules(edits)).contains("PRINCIPAL_DIAGNOSIS_MISSING", "PROCEDURE_DATE_MISSING", "PROCEDURE_DATE_OUTSIDE_STAY");
    }
}
