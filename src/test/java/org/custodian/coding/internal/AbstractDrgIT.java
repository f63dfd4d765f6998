package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The abstract's JSON carries the stay's MS-DRG, grouped on every open and save: a pneumonia stay
 * groups to DRG 195 (simple pneumonia without CC/MCC); J96.01 (acute respiratory failure with
 * hypoxia, an MCC) as a secondary moves it to 193, "with MCC", worth more. Outpatient stays and
 * v44-era discharges get no DRG, and say why.
 */
@CustodianTest
class AbstractDrgIT {

    static final String PNEUMONIA = """
            {"principalDiagnosis":{"code":"J18.9","poa":"Y"},"secondaryDiagnoses":[{"code":"I10","poa":"Y"}],
             "dischargeDisposition":"01","admitSource":"1"}""";
    static final String PNEUMONIA_MCC = """
            {"principalDiagnosis":{"code":"J18.9","poa":"Y"},
             "secondaryDiagnoses":[{"code":"I10","poa":"Y"},{"code":"J96.01","poa":"Y"}],
             "dischargeDisposition":"01","admitSource":"1"}""";

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    private long stay(LocalDate discharge, EncounterClass c) {
        return CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1950, 4, 4), AdministrativeSex.M, discharge, c)
                .encounterId();
    }

    @Test
    void aPneumoniaStayGroupsTo195AndAnMccSecondaryMovesItTo193WithAHigherPayment() {
        String coder = accounts.of(Role.CODER);
        long id = stay(LocalDate.of(2025, 11, 12), EncounterClass.INPATIENT);
        String path = "/api/coding/encounters/" + id + "/abstract";

        JsonNode empty = api.as(coder, "GET", path, null).json();
        assertThat(empty.get("drg").get("drg").isNull()).isTrue();
        assertThat(empty.get("drg").get("message").asString()).contains("principal diagnosis");

        Api.Response saved = api.as(coder, "PUT", path, PNEUMONIA);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode drg = saved.json().get("drg");
        assertThat(drg.get("stage").asString()).isEqualTo("working");
        assertThat(drg.get("version").asString()).isEqualTo("43.0");
        assertThat(drg.get("drg").asString()).isEqualTo("195");
        assertThat(drg.get("mdc").asInt()).isEqualTo(4);
        assertThat(drg.get("type").asString()).isEqualTo("medical");
        assertThat(drg.get("severity").asString()).isEqualTo("without CC/MCC");
        assertThat(drg.get("lengthOfStay").asLong()).isEqualTo(2);
        assertThat(drg.get("gmlos").decimalValue()).isPositive();
        assertThat(drg.get("payment").asString()).startsWith("$").contains(".");
        assertThat(drg.get("paymentFormula").asString()).contains("FY2026", "weight");
        double base = drg.get("expectedPayment").asDouble();
        assertThat(base).isPositive();
        assertThat(drg.get("secondaries").get(0).get("code").asString()).isEqualTo("I10");
        assertThat(drg.get("secondaries").get(0).get("role").asString()).isEqualTo("none");

        // J96.01 present on admission: an MCC, the "with MCC" DRG of the family, and why.
        JsonNode mcc = api.as(coder, "PUT", path, PNEUMONIA_MCC).json().get("drg");
        assertThat(mcc.get("drg").asString()).isEqualTo("193");
        assertThat(mcc.get("severity").asString()).isEqualTo("with MCC");
        assertThat(mcc.get("expectedPayment").asDouble()).isGreaterThan(base);
        JsonNode role = mcc.get("secondaries").get(1);
        assertThat(role.get("code").asString()).isEqualTo("J96.01");
        assertThat(role.get("role").asString()).isEqualTo("MCC");
        assertThat(role.get("withoutDrg").asString()).isEqualTo("195");

        // Opened again: the same DRG, computed on read; final once finalized.
        assertThat(api.as(coder, "GET", path, null).json().get("drg").get("drg").asString()).isEqualTo("193");
        Api.Response fin = api.as(coder, "POST", path + "/finalize", null);
        assertThat(fin.status()).as(fin.body()).isEqualTo(200);
        assertThat(fin.json().get("drg").get("stage").asString()).isEqualTo("final");
    }

    @Test
    void anOutpatientStayHasNoDrgAndAV44DischargeIsNotGroupedWithAnOlderVersion() {
        String coder = accounts.of(Role.CODER);
        long outpatient = stay(LocalDate.of(2025, 11, 13), EncounterClass.OUTPATIENT);
        JsonNode out = api.as(coder, "PUT", "/api/coding/encounters/" + outpatient + "/abstract", PNEUMONIA).json().get("drg");
        assertThat(out.get("drg").isNull()).isTrue();
        assertThat(out.get("message").asString()).isEqualTo("MS-DRG applies to inpatient stays");

        long fy2027 = stay(LocalDate.of(2026, 10, 5), EncounterClass.INPATIENT);
        JsonNode v44 = api.as(coder, "PUT", "/api/coding/encounters/" + fy2027 + "/abstract", PNEUMONIA).json().get("drg");
        assertThat(v44.get("drg").isNull()).isTrue();
        assertThat(v44.get("message").asString()).contains("grouper v44 not loaded");
    }
}
