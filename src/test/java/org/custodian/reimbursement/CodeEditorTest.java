package org.custodian.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.custodian.reimbursement.Claim.SecondaryDx;
import org.junit.jupiter.api.Test;

/**
 * The Medicare Code Editor v43, one edit at a time and each at its boundary, on real codes from the
 * MCE 43.1 tables (the flag each test relies on is in its comment). Edit numbers are those of CMS's
 * "Definitions of Medicare Code Edits". No Spring context.
 */
class CodeEditorTest {

    static final LocalDate JAN_2026 = LocalDate.of(2026, 1, 15);
    final CodeEditor mce = CodeEditor.bundled();

    /** J18.9 (simple pneumonia) carries no MCE flag: the claim's other codes are what is edited. */
    static Claim claim(int age, String sex, String pdx, List<String> sdx, String... procedures) {
        return new Claim(age, sex, "01", JAN_2026, pdx, sdx.stream().map(c -> new SecondaryDx(c, "Y")).toList(),
                Arrays.asList(procedures));
    }

    static Claim withSdx(int age, String sex, String sdx, String... procedures) {
        return claim(age, sex, "J189", List.of(sdx), procedures);
    }

    List<Integer> numbers(Claim c) {
        return mce.edit(c).stream().map(McEdit::number).toList();
    }

    @Test
    void aCleanClaimHasNoEdits() {
        assertThat(mce.edit(claim(70, "F", "J189", List.of()))).isEmpty();
    }

    // ---- 1 Invalid diagnosis or procedure code: valid on the discharge date only ----

    @Test
    void edit1_aCodeOutsideItsValidityDatesIsInvalid() {
        // 0F9C80D is valid from 2026-04-01 (v43.1 procedure update)
        Claim march31 = new Claim(70, "F", "01", LocalDate.of(2026, 3, 31), "J189", List.of(), List.of("0F9C80D"));
        Claim april1 = new Claim(70, "F", "01", LocalDate.of(2026, 4, 1), "J189", List.of(), List.of("0F9C80D"));
        assertThat(mce.edit(march31)).singleElement().satisfies(e -> {
            assertThat(e.number()).isEqualTo(1);
            assertThat(e.code()).isEqualTo("0F9C80D");
            assertThat(e.field()).isEqualTo("PROC");
        });
        assertThat(mce.edit(april1)).isEmpty();
    }

    @Test
    void edit1_unknownDiagnosesInEveryPosition() {
        assertThat(mce.edit(claim(70, "F", "J18", List.of("I1")))).extracting(McEdit::number, McEdit::field)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "PDX"), org.assertj.core.groups.Tuple.tuple(1, "SDX"));
    }

    @Test
    void aCodesFlagsApplyOnlyWithinTheirDates() {
        // F07.81 is UNACCEPTABLE as principal through 2026-03-31 and has no flag from 2026-04-01
        Claim march31 = new Claim(70, "F", "01", LocalDate.of(2026, 3, 31), "F07.81", List.of(), List.of());
        Claim april1 = new Claim(70, "F", "01", LocalDate.of(2026, 4, 1), "F07.81", List.of(), List.of());
        assertThat(numbers(march31)).containsExactly(9);
        assertThat(numbers(april1)).isEmpty();
    }

    // ---- 2 External causes of morbidity codes as principal diagnosis (ECODEPDX) ----

    @Test
    void edit2_externalCauseAsPrincipalOnly() {
        assertThat(numbers(claim(40, "M", "V0001XA", List.of()))).containsExactly(2);
        assertThat(numbers(withSdx(40, "M", "V0001XA"))).isEmpty();
    }

    // ---- 3 Duplicate of PDX ----

    @Test
    void edit3_secondaryEqualToPrincipal() {
        assertThat(mce.edit(claim(70, "F", "J189", List.of("J18.9", "I509")))).singleElement()
                .satisfies(e -> assertThat(e).extracting(McEdit::number, McEdit::field).containsExactly(3, "SDX"));
    }

    // ---- 4 Age conflict: boundaries from mce_age_ranges.tsv on the discharge date ----

    @Test
    void edit4_newbornIsAge0Only() {
        // A33 tetanus neonatorum: NEWBORN (0–0)
        assertThat(numbers(withSdx(0, "M", "A33"))).isEmpty();
        assertThat(numbers(withSdx(1, "M", "A33"))).containsExactly(4);
    }

    @Test
    void edit4_pediatricIs0To17() {
        // B08.20 exanthema subitum: PEDIATRIC (0–17)
        assertThat(numbers(withSdx(0, "F", "B0820"))).isEmpty();
        assertThat(numbers(withSdx(17, "F", "B0820"))).isEmpty();
        assertThat(numbers(withSdx(18, "F", "B0820"))).containsExactly(4);
    }

    @Test
    void edit4_maternityIs9To64() {
        // O80 encounter for full-term uncomplicated delivery: MATERNITY (9–64 since 2019-10-01)
        assertThat(numbers(claim(8, "F", "O80", List.of()))).containsExactly(4);
        assertThat(numbers(claim(9, "F", "O80", List.of()))).isEmpty();
        assertThat(numbers(claim(64, "F", "O80", List.of()))).isEmpty();
        assertThat(numbers(claim(65, "F", "O80", List.of()))).containsExactly(4);
    }

    @Test
    void edit4_adultIs15To124() {
        // N40.0 benign prostatic hyperplasia: ADULT (15–124)
        assertThat(numbers(claim(14, "M", "N400", List.of()))).containsExactly(4);
        assertThat(numbers(claim(15, "M", "N400", List.of()))).isEmpty();
        assertThat(numbers(claim(124, "M", "N400", List.of()))).isEmpty();
        // 125 is an invalid age (14), not an age conflict
        assertThat(numbers(claim(125, "M", "N400", List.of()))).containsExactly(14);
    }

    @Test
    void edit4_explainsTheRange() {
        assertThat(mce.edit(withSdx(18, "F", "B0820"))).singleElement()
                .satisfies(e -> assertThat(e.explanation()).contains("0–17").contains("18"));
    }

    // ---- 5 Sex conflict: the MCE 43.1 tables carry no sex lists ----

    @Test
    void edit5_noSexListsInV43SoMaleAndFemaleCodesDoNotConflict() {
        // N40.0 (prostate) on a female, C56.1 (ovary) on a male: both rows (from 2024-10-01) carry no
        // MALE/FEMALE flag, so the MCE v43 reports no sex conflict.
        assertThat(numbers(claim(70, "F", "N400", List.of()))).doesNotContain(5).isEmpty();
        assertThat(numbers(claim(70, "M", "C561", List.of()))).doesNotContain(5).isEmpty();
    }

    // ---- 6 Manifestation code as principal diagnosis (MANIF) ----

    @Test
    void edit6_manifestationAsPrincipalOnly() {
        // D63.0 anemia in neoplastic disease
        assertThat(numbers(claim(70, "F", "D630", List.of("C9100")))).containsExactly(6);
        assertThat(numbers(claim(70, "F", "C9100", List.of("D630")))).isEmpty();
    }

    // ---- 8 Questionable admission (QADM) ----

    @Test
    void edit8_questionableAdmissionAsPrincipalOnly() {
        // I10 essential hypertension
        assertThat(numbers(claim(70, "F", "I10", List.of()))).containsExactly(8);
        assertThat(numbers(withSdx(70, "F", "I10"))).isEmpty();
    }

    // ---- 9 Unacceptable principal diagnosis (UNACCEPTABLE; REQSDX needs a secondary) ----

    @Test
    void edit9_unacceptablePrincipal() {
        // B95.0 streptococcus group A as the cause of diseases classified elsewhere
        assertThat(numbers(claim(70, "F", "B950", List.of()))).containsExactly(9);
        assertThat(numbers(withSdx(70, "F", "B950"))).isEmpty();
    }

    @Test
    void edit9_aRequiresSecondaryCodeIsAcceptableWithASecondary() {
        // Z51.89 encounter for other specified aftercare: UNACCEPTABLE|REQSDX
        assertThat(numbers(claim(70, "F", "Z5189", List.of()))).containsExactly(9);
        assertThat(numbers(claim(70, "F", "Z5189", List.of("I509")))).isEmpty();
    }

    // ---- 11 Non-covered procedure ----

    @Test
    void edit11_neverCovered() {
        // 02BK0ZZ excision of right ventricle (partial ventriculectomy): NCOV_A
        assertThat(numbers(claim(70, "F", "I509", List.of(), "02BK0ZZ"))).containsExactly(11);
    }

    @Test
    void edit11_pancreasTransplantCoveredWithKidneyTransplantOrType1Diabetes() {
        // 0FYG0Z0 pancreas transplant: NCOV_B_PXP|LCOV; 0TY00Z0 kidney transplant: NCOV_B_KXP|LCOV;
        // E10.10 type 1 diabetes with ketoacidosis: NCOV_B
        assertThat(numbers(claim(50, "F", "E119", List.of(), "0FYG0Z0"))).containsExactly(8, 11, 17);
        assertThat(numbers(claim(50, "F", "N186", List.of(), "0FYG0Z0", "0TY00Z0"))).containsExactly(17, 17);
        assertThat(numbers(claim(50, "F", "E1010", List.of(), "0FYG0Z0"))).containsExactly(17);
    }

    @Test
    void edit11_stemCellTransplantWithLeukemiaNotInRemission() {
        // 30233Y0 autologous hematopoietic stem cell transfusion: NCOV_D; C91.00 ALL not in remission: NCOV_D
        assertThat(numbers(claim(50, "F", "C9100", List.of(), "30233Y0"))).containsExactly(11);
        assertThat(numbers(claim(50, "F", "C9001", List.of(), "30233Y0"))).isEmpty();
    }

    @Test
    void edit11_lumbarArtificialDiscOver60() {
        // 0SR20JZ replacement of lumbar disc with synthetic substitute: NCOV_F
        assertThat(numbers(claim(60, "F", "M5126", List.of(), "0SR20JZ"))).isEmpty();
        assertThat(numbers(claim(61, "F", "M5126", List.of(), "0SR20JZ"))).containsExactly(11);
    }

    @Test
    void edit11_sterilizationWithEncounterForSterilization() {
        // 0U570ZZ destruction of bilateral fallopian tubes: NCOV_G; Z30.2 encounter for sterilization: NCOV_G
        assertThat(numbers(withSdx(35, "F", "Z302", "0U570ZZ"))).containsExactly(11);
        assertThat(numbers(withSdx(35, "F", "I509", "0U570ZZ"))).isEmpty();
    }

    // ---- 14 Invalid age: outside 0–124 ----

    @Test
    void edit14_invalidAge() {
        assertThat(numbers(claim(124, "F", "J189", List.of()))).isEmpty();
        assertThat(numbers(claim(125, "F", "J189", List.of()))).containsExactly(14);
        assertThat(numbers(claim(0, "F", "J189", List.of()))).isEmpty();
        assertThat(numbers(claim(-1, "F", "J189", List.of()))).containsExactly(14);
    }

    // ---- 15 Invalid sex ----

    @Test
    void edit15_invalidSex() {
        assertThat(numbers(claim(70, "M", "J189", List.of()))).isEmpty();
        assertThat(numbers(claim(70, "2", "J189", List.of()))).isEmpty();
        assertThat(numbers(claim(70, "U", "J189", List.of()))).containsExactly(15);
        assertThat(numbers(claim(70, "", "J189", List.of()))).containsExactly(15);
    }

    // ---- 16 Invalid discharge status (mce_discharge_status.tsv by date) ----

    @Test
    void edit16_invalidDischargeStatus() {
        for (String ok : List.of("01", "20", "21", "70", "95")) {
            assertThat(numbers(new Claim(70, "F", ok, JAN_2026, "J189", List.of(), List.of()))).as(ok).isEmpty();
        }
        // 08 was valid 1994-10-01..2005-09-30 only; 00, 99 and letters never
        for (String bad : List.of("08", "00", "99", "XX", "")) {
            assertThat(numbers(new Claim(70, "F", bad, JAN_2026, "J189", List.of(), List.of()))).as(bad)
                    .containsExactly(16);
        }
    }

    // ---- 17 Limited coverage (LCOV) ----

    @Test
    void edit17_limitedCoverage() {
        // 02YA0Z0 heart transplant: LCOV
        assertThat(numbers(claim(50, "M", "I5022", List.of(), "02YA0Z0"))).containsExactly(17);
    }

    // ---- 18 Wrong procedure performed (WRNGPROC) anywhere ----

    @Test
    void edit18_wrongProcedurePerformed() {
        // Y65.51 performance of wrong procedure on correct patient: WRNGPROC|ECODEPDX
        assertThat(numbers(withSdx(50, "M", "Y6551"))).containsExactly(18);
        assertThat(numbers(claim(50, "M", "Y6551", List.of()))).containsExactly(2, 18);
    }

    // ---- 19 Procedure inconsistent with length of stay (LOS) ----

    @Test
    void edit19_ventilationOver96HoursNeedsFourDays() {
        // 5A1955Z respiratory ventilation greater than 96 consecutive hours: LOS
        Claim c = claim(70, "F", "J9601", List.of(), "5A1955Z");
        assertThat(mce.edit(c, 3)).extracting(McEdit::number).containsExactly(19);
        assertThat(mce.edit(c, 4)).isEmpty();
        assertThat(mce.edit(c)).as("length of stay unknown").isEmpty();
    }

    // ---- 20 Unspecified code (UNSPECIFIED) ----

    @Test
    void edit20_unspecifiedCode() {
        // G81.00 flaccid hemiplegia affecting unspecified side: UNSPECIFIED
        assertThat(numbers(withSdx(70, "F", "G8100"))).containsExactly(20);
    }

    // ---- versions: MCE v43 edits FY2026 discharges only ----

    @Test
    void aDischargeOutsideFy2026IsRefusedNotEditedWithAnotherYear() {
        assertThat(numbers(new Claim(70, "F", "01", LocalDate.of(2026, 9, 30), "J189", List.of(), List.of()))).isEmpty();
        assertThat(numbers(new Claim(70, "F", "01", LocalDate.of(2025, 10, 1), "J189", List.of(), List.of()))).isEmpty();
        assertThatThrownBy(() -> mce.edit(new Claim(70, "F", "01", LocalDate.of(2026, 10, 1), "J189", List.of(), List.of())))
                .isInstanceOf(GrouperVersionNotLoadedException.class).hasMessageContaining("MCE v44 not loaded");
        assertThatThrownBy(() -> mce.edit(new Claim(70, "F", "01", LocalDate.of(2025, 9, 30), "J189", List.of(), List.of())))
                .isInstanceOf(GrouperVersionNotLoadedException.class).hasMessageContaining("not loaded");
    }
}
