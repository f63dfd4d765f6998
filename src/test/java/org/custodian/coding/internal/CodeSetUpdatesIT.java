package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.CodingEdit;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The ICD-10-PCS April 1, 2026 update inside FY2026: 02HM3JZ (added) and 30233AZ (deleted, moved to
 * 3E033AZ) are judged by the set in force on the discharge date, by the lookup and by the abstract's
 * edits; FY2027 (from 2026-10-01) is its own set.
 */
@CustodianTest
class CodeSetUpdatesIT {

    static final LocalDate MARCH_31 = LocalDate.of(2026, 3, 31);
    static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);

    @Autowired JdbcCodeSets codeSets;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcAbstracts abstracts;

    @Test
    void theAprilUpdateIsInForceFromAprilFirstOnly() throws Exception {
        assertThat(BundledCodeSets.loadAprilUpdate(codeSets)).as("loaded once, at start-up").isZero();

        assertThat(codeSets.find(CodeSystem.ICD10PCS, "02HM3JZ", MARCH_31)).isEmpty();
        assertThat(codeSets.find(CodeSystem.ICD10PCS, "02HM3JZ", APRIL_1)).get().satisfies(e -> {
            assertThat(e.billable()).isTrue();
            assertThat(e.longDescription()).isEqualTo("Insertion of Pacemaker Lead into Ventricular Septum, Percutaneous Approach");
            assertThat(e.fiscalYear()).isEqualTo(2026);
        });
        assertThat(codeSets.isValid(CodeSystem.ICD10PCS, "30233AZ", MARCH_31)).isTrue();
        assertThat(codeSets.isValid(CodeSystem.ICD10PCS, "30233AZ", APRIL_1)).isFalse();
        assertThat(codeSets.find(CodeSystem.ICD10PCS, "3E033AZ", APRIL_1)).map(CodeEntry::billable).contains(true);
        // FY2027's own set carries the April codes forward and not the deleted ones
        assertThat(codeSets.isValid(CodeSystem.ICD10PCS, "02HM3JZ", LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(codeSets.isValid(CodeSystem.ICD10PCS, "30233AZ", LocalDate.of(2026, 10, 1))).isFalse();

        assertThat(codeSets.releaseName(CodeSystem.ICD10PCS, MARCH_31)).isEqualTo("FY2026");
        assertThat(codeSets.releaseName(CodeSystem.ICD10PCS, APRIL_1)).isEqualTo("FY2026 + April 1, 2026 update");
        assertThat(codeSets.releaseName(CodeSystem.ICD10CM, APRIL_1)).isEqualTo("FY2026");
    }

    @Test
    void theAbstractsEditsUseTheSetInForceOnTheDischargeDate() {
        AbstractInput aprilCode = input("02HM3JZ");
        assertThat(invalid(MARCH_31, aprilCode)).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo("02HM3JZ");
            assertThat(e.source()).isEqualTo("ICD-10-PCS FY2026");
        });
        assertThat(invalid(APRIL_1, aprilCode)).isEmpty();

        AbstractInput deleted = input("30233AZ");
        assertThat(invalid(MARCH_31, deleted)).isEmpty();
        assertThat(invalid(APRIL_1, deleted)).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("ICD-10-PCS FY2026 + April 1, 2026 update"));
    }

    private static AbstractInput input(String pcs) {
        return new AbstractInput(new AbstractInput.Diagnosis("J18.9", "Y"), List.of(),
                new AbstractInput.Procedure(pcs, null), List.of(), "01", "1");
    }

    private List<CodingEdit> invalid(LocalDate discharge, AbstractInput in) {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1960, 5, 5),
                AdministrativeSex.F, discharge, EncounterClass.INPATIENT);
        List<CodingEdit> result = new ArrayList<>();
        accounts.runAs(Role.CODER, () -> result.addAll(abstracts.save(stay.encounterId(), JdbcAbstracts.BILLING, in).edits()));
        return result.stream().filter(e -> e.rule().equals("INVALID_CODE")).toList();
    }
}
