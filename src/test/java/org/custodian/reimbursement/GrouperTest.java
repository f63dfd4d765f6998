package org.custodian.reimbursement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.custodian.reimbursement.Claim.SecondaryDx;
import org.junit.jupiter.api.Test;

/** The grouper's rules one at a time, on hand-made claims (no Spring context). */
class GrouperTest {

    static final LocalDate JAN_2026 = LocalDate.of(2026, 1, 15);
    final Grouper grouper = Grouper.bundled();

    static Claim pneumonia(String status, LocalDate discharge, SecondaryDx... sdx) {
        // J18.9 simple pneumonia: MDC 4, DRGs 193 (with MCC), 194 (with CC), 195 (without)
        return new Claim(70, "F", status, discharge, "J189", List.of(sdx), List.of());
    }

    @Test
    void anMccGivesTheWithMccDrgAndSaysWhatTheDrgWouldBeWithoutIt() {
        GroupingResult r = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("J9601", "Y")));
        assertThat(r.finalDrg()).isEqualTo(193);
        assertThat(r.finalMdc()).isEqualTo(4);
        assertThat(r.medicalSurgical()).isEqualTo("MEDICAL");
        assertThat(r.severity()).isEqualTo("MCC");
        assertThat(r.returnCode()).isEqualTo("OK");
        assertThat(r.explanation().mdcReason()).contains("J189").contains("MDC 4");
        assertThat(r.explanation().formula()).contains("MDC 4").contains("DRG 193");
        assertThat(r.explanation().secondaries()).singleElement()
                .satisfies(d -> {
                    assertThat(d.role()).isEqualTo("MCC");
                    assertThat(d.withoutDrg()).isEqualTo(195);
                });
        assertThat(r.explanation().severityNote()).containsExactly(
                "J9601 (MCC): without this diagnosis the DRG would be 195");
    }

    @Test
    void aHospitalAcquiredConditionNotPresentOnAdmissionLosesItsMccInTheFinalDrgOnly() {
        // S72.001A fracture of the femoral neck: an MCC, and on HAC 05 (falls and trauma)
        GroupingResult acquired = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("S72001A", "N")));
        assertThat(acquired.initialDrg()).isEqualTo(193);
        assertThat(acquired.finalDrg()).isEqualTo(195);
        assertThat(acquired.severity()).isEqualTo("NON_CC");
        assertThat(acquired.hacStatus()).isEqualTo("FINAL_DRG_CHANGES");
        assertThat(acquired.explanation().secondaries()).singleElement().satisfies(d -> {
            assertThat(d.role()).isEqualTo("HAC");
            assertThat(d.detail()).contains("HAC 05 Falls and Trauma");
        });
        assertThat(acquired.explanation().severityNote())
                .containsExactly("S72001A (MCC, HAC 5 not present on admission): initial DRG 193, final DRG 195");

        GroupingResult onAdmission = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("S72001A", "Y")));
        assertThat(onAdmission.initialDrg()).isEqualTo(193);
        assertThat(onAdmission.finalDrg()).isEqualTo(193);
        assertThat(onAdmission.hacStatus()).isEqualTo("NOT_APPLICABLE");

        GroupingResult unknown = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("S72001A", "U")));
        assertThat(unknown.finalDrg()).isEqualTo(195);
    }

    @Test
    void aHospitalAcquiredConditionWithoutAValidPoaIndicatorLeavesTheFinalDrgUngroupable() {
        // 42 CFR 412.46(c): POA is required for a hospital not exempt; CMS's grouper answers HAC_MISSING_ONE_POA
        for (String poa : List.of("", "1", "E")) {
            GroupingResult r = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("S72001A", poa)));
            assertThat(r.initialDrg()).as("POA '%s'", poa).isEqualTo(193);
            assertThat(r.initialReturnCode()).isEqualTo("OK");
            assertThat(r.finalDrg()).isEqualTo(999);
            assertThat(r.finalMdc()).isZero();
            assertThat(r.returnCode()).isEqualTo("HAC_MISSING_ONE_POA");
            assertThat(r.hacStatus()).isEqualTo("FINAL_DRG_UNGROUPABLE");
            assertThat(r.explanation().secondaries()).singleElement()
                    .satisfies(d -> assertThat(d.detail()).contains("without a valid POA indicator"));
        }
        // the same code coded present on admission, or a non-HAC MCC without POA, groups normally
        assertThat(grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("S72001A", "W"))).finalDrg())
                .isEqualTo(193);
        GroupingResult noHac = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("J9601", "")));
        assertThat(noHac.finalDrg()).isEqualTo(193);
        assertThat(noHac.returnCode()).isEqualTo("OK");
        // a HAC met (N) beside another HAC-listed diagnosis without POA: ungroupable too
        GroupingResult both = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("S72001A", "N"),
                new SecondaryDx("T80211A", "")));
        assertThat(both.returnCode()).isEqualTo("HAC_MISSING_ONE_POA");
        assertThat(both.initialDrg()).isEqualTo(193);
    }

    @Test
    void cardiacArrestIsAnMccOnlyWhenThePatientIsDischargedAlive() {
        GroupingResult alive = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("I462", "Y")));
        assertThat(alive.finalDrg()).isEqualTo(193);
        assertThat(alive.severity()).isEqualTo("MCC");

        GroupingResult died = grouper.group(pneumonia("20", JAN_2026, new SecondaryDx("I462", "Y")));
        assertThat(died.finalDrg()).isEqualTo(195);
        assertThat(died.severity()).isEqualTo("NON_CC");
        assertThat(died.explanation().secondaries()).singleElement()
                .satisfies(d -> assertThat(d.detail()).contains("only if the patient is discharged alive"));
    }

    @Test
    void aSecondaryDiagnosisExcludedByThePrincipalIsNoCc() {
        // J18.9 as a secondary diagnosis of J18.9's own family is excluded: use J15.9 (MCC) under J18.9
        GroupingResult r = grouper.group(pneumonia("01", JAN_2026, new SecondaryDx("J159", "Y")));
        assertThat(r.explanation().secondaries()).singleElement()
                .satisfies(d -> assertThat(d.role()).isEqualTo("MCC_EXCLUDED"));
        assertThat(r.finalDrg()).isEqualTo(195);
    }

    @Test
    void codesAreReadWithOrWithoutDotsAndInAnyCase() {
        GroupingResult r = grouper.group(new Claim(70, "f", "01", JAN_2026, "j18.9",
                List.of(new SecondaryDx("J96.01", "y")), List.of()));
        assertThat(r.finalDrg()).isEqualTo(193);
        assertThat(r.explanation().secondaries()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("J9601");
            assertThat(d.role()).isEqualTo("MCC");
        });
    }

    @Test
    void aPrincipalDiagnosisNotInTheTablesIsInvalid() {
        GroupingResult r = grouper.group(new Claim(65, "M", "01", JAN_2026, "ZZZ99", List.of(), List.of()));
        assertThat(r.finalDrg()).isEqualTo(999);
        assertThat(r.returnCode()).isEqualTo("INVALID_PDX");
    }

    @Test
    void anExternalCauseCodeCannotBePrincipal() {
        GroupingResult r = grouper.group(new Claim(65, "M", "01", JAN_2026, "V0001XA", List.of(), List.of()));
        assertThat(r.finalDrg()).isEqualTo(999);
        assertThat(r.finalMdc()).isZero();
        assertThat(r.medicalSurgical()).isEqualTo("NONE");
        assertThat(r.severity()).isEqualTo("NONE");
        assertThat(r.returnCode()).isEqualTo("DX_CANNOT_BE_PDX");
    }

    @Test
    void theVersionFollowsTheDischargeDate() {
        assertThat(grouper.versionFor(LocalDate.of(2025, 10, 1))).isEqualTo("43.0");
        assertThat(grouper.versionFor(LocalDate.of(2026, 3, 31))).isEqualTo("43.0");
        assertThat(grouper.versionFor(LocalDate.of(2026, 4, 1))).isEqualTo("43.1");
        assertThat(grouper.versionFor(LocalDate.of(2026, 9, 30))).isEqualTo("43.1");
        assertThat(grouper.group(pneumonia("01", LocalDate.of(2026, 5, 1))).version()).isEqualTo("43.1");
    }

    @Test
    void theAprilUpdateV431BringsItsNewProcedureCodesFromItsFirstDay() {
        // 02HM3NZ (a procedure code new in April 2026) is an O.R. cardiothoracic procedure in v43.1
        Claim march = new Claim(70, "M", "01", LocalDate.of(2026, 3, 31), "I5022", List.of(), List.of("02HM3NZ"));
        GroupingResult v430 = grouper.group(march);
        assertThat(v430.version()).isEqualTo("43.0");
        assertThat(v430.medicalSurgical()).isEqualTo("MEDICAL");
        assertThat(v430.explanation().procedures()).singleElement()
                .satisfies(p -> assertThat(p.known()).isFalse());

        GroupingResult v431 = grouper.group(new Claim(70, "M", "01", LocalDate.of(2026, 4, 1), "I5022", List.of(),
                List.of("02HM3NZ")));
        assertThat(v431.version()).isEqualTo("43.1");
        assertThat(v431.finalDrg()).isEqualTo(229);
        assertThat(v431.medicalSurgical()).isEqualTo("SURGICAL");
        assertThat(v431.explanation().procedures()).singleElement()
                .satisfies(p -> assertThat(p.orProcedure()).isTrue());
        assertThat(v431.explanation().formula()).contains("cardthor").contains("DRG 229");
    }

    @Test
    void aV44EraDischargeIsRefusedNotGroupedWithAnOlderVersion() {
        assertThatThrownBy(() -> grouper.group(pneumonia("01", LocalDate.of(2026, 10, 1))))
                .isInstanceOf(GrouperVersionNotLoadedException.class)
                .hasMessageContaining("grouper v44 not loaded");
        assertThatThrownBy(() -> grouper.group(pneumonia("01", LocalDate.of(2025, 9, 30))))
                .isInstanceOf(GrouperVersionNotLoadedException.class)
                .hasMessageContaining("grouper v42 not loaded");
    }
}
