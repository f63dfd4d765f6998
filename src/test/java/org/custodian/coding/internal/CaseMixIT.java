package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ChartFindings;
import org.custodian.chart.ChartService;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.FindingKind;
import org.custodian.chart.NewEncounter;
import org.custodian.chart.NewFinding;
import org.custodian.coding.CaseMix;
import org.custodian.coding.CodingHistory;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The DRG kept per inpatient stay and what is built on it: the worklist sorted by expected payment
 * in dollars, DNFB in dollars, the case mix index (Σ weight ÷ cases) by month, service line and
 * attending, a working DRG from the chart's documented conditions before coding, an in-house stay's
 * working DRG through the public API, and prior codings (the demo's past) grouped as recorded.
 * Each test uses discharge days of its own in FY2026 (grouper v43, FY2026 base rate $7,276.76).
 */
@CustodianTest
class CaseMixIT {

    /** Table 5 FY2026: 193 simple pneumonia with MCC, 195 without CC/MCC. */
    static final BigDecimal W193 = new BigDecimal("1.3144");
    static final BigDecimal W195 = new BigDecimal("0.6285");
    static final BigDecimal BLENDED = new BigDecimal("7276.76");

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired ChartFindings findings;
    @Autowired JdbcAbstracts abstracts;
    @Autowired JdbcWorklist worklist;
    @Autowired CaseMixService caseMixService;
    @Autowired CaseMix caseMix;
    @Autowired CodingHistory history;
    @Autowired JdbcClient jdbc;

    private CodingFixtures.Stay inpatient(LocalDate discharge) {
        return CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1950, 3, 3), AdministrativeSex.M, discharge,
                EncounterClass.INPATIENT);
    }

    private static AbstractInput pneumonia(boolean withMcc) {
        return new AbstractInput(new AbstractInput.Diagnosis("J18.9", "Y"),
                withMcc ? List.of(new AbstractInput.Diagnosis("J96.01", "Y")) : List.of(), null, List.of(), "01", "1");
    }

    private static BigDecimal pay(BigDecimal weight) {
        return weight.multiply(BLENDED).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    @Test
    void worklistSortsByDollarsAndDnfbCountsThem() {
        LocalDate day = LocalDate.of(2026, 2, 17);
        CodingFixtures.Stay plain = inpatient(day);
        CodingFixtures.Stay mcc = inpatient(day);
        accounts.runAs(Role.CODER, () -> {
            abstracts.save(plain.encounterId(), JdbcAbstracts.BILLING, pneumonia(false));
            abstracts.save(mcc.encounterId(), JdbcAbstracts.BILLING, pneumonia(true));
        });
        String coder = accounts.of(Role.CODER);
        JsonNode list = api.as(coder, "GET", "/api/coding/worklist?sort=reimbursement&dischargedFrom=" + day + "&dischargedTo=" + day
                + "&limit=500", null).json();
        List<Long> order = new ArrayList<>();
        list.forEach(n -> order.add(n.get("encounterId").asLong()));
        assertThat(order.indexOf(mcc.encounterId())).isLessThan(order.indexOf(plain.encounterId())).isGreaterThanOrEqualTo(0);
        JsonNode first = list.get(order.indexOf(mcc.encounterId()));
        assertThat(first.get("drg").asString()).isEqualTo("193");
        assertThat(first.get("drgStage").asString()).isEqualTo("working");
        assertThat(first.get("expectedPayment").decimalValue()).isEqualByComparingTo(pay(W193));   // $9,564.57

        // DNFB in dollars: both stays, in the bucket of their age.
        JdbcWorklist.Dnfb dnfb = worklist.dnfb(day, day);
        assertThat(dnfb.priced()).isEqualTo(2);
        assertThat(dnfb.expectedPayment()).isEqualByComparingTo(pay(W193).add(pay(W195)));
        assertThat(dnfb.aging().stream().map(JdbcWorklist.AgingBucket::expectedPayment).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(dnfb.expectedPayment());
        String director = accounts.of(Role.HIM_DIRECTOR);
        assertThat(api.as(director, "GET", "/api/coding/dnfb?dischargedFrom=" + day + "&dischargedTo=" + day, null).json()
                .get("expectedPayment").decimalValue()).isEqualByComparingTo(pay(W193).add(pay(W195)));
    }

    /** The index over a day, as the director reads it. */
    private CaseMix.Report caseMix(LocalDate day, CaseMix.By by) {
        CaseMix.Report[] r = new CaseMix.Report[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> r[0] = caseMix.caseMixIndex(day, day, by));
        return r[0];
    }

    private static long drCoderCases(CaseMix.Report r) {
        return r.groups().stream().filter(g -> g.key().equals("Dr. Coder")).mapToLong(CaseMix.Group::cases).sum();
    }

    private static BigDecimal index(BigDecimal weights, long cases) {
        return weights.divide(BigDecimal.valueOf(cases), 4, java.math.RoundingMode.HALF_UP);
    }

    /**
     * CMI = Σ relative weights ÷ cases over the final-coded stays. Other tests (and the demo hospitals they
     * load) may have final-coded stays discharged the same day in the shared database: the figures are
     * checked as what this test's stays add to the day's.
     */
    @Test
    void caseMixIndexIsTheSumOfWeightsOverCasesBySplit() {
        LocalDate day = LocalDate.of(2026, 3, 19);
        CaseMix.Group before = caseMix(day, CaseMix.By.MONTH).total();
        long drCoderBefore = drCoderCases(caseMix(day, CaseMix.By.ATTENDING));
        CodingFixtures.Stay plain = inpatient(day);
        CodingFixtures.Stay mcc = inpatient(day);
        CodingFixtures.Stay open = inpatient(day);
        accounts.runAs(Role.CODER, () -> {
            abstracts.save(plain.encounterId(), JdbcAbstracts.BILLING, pneumonia(false));
            abstracts.finalizeAbstract(plain.encounterId(), JdbcAbstracts.BILLING);
            abstracts.save(mcc.encounterId(), JdbcAbstracts.BILLING, pneumonia(true));
            abstracts.finalizeAbstract(mcc.encounterId(), JdbcAbstracts.BILLING);
            // In progress: not in the index.
            abstracts.save(open.encounterId(), JdbcAbstracts.BILLING, pneumonia(true));
        });
        CaseMix.Report r = caseMix(day, CaseMix.By.MONTH);
        BigDecimal weights = before.relativeWeights().add(W193).add(W195);
        assertThat(r.total().cases()).isEqualTo(before.cases() + 2);
        assertThat(r.total().relativeWeights()).isEqualByComparingTo(weights);
        assertThat(r.total().caseMixIndex()).isEqualByComparingTo(index(weights, before.cases() + 2));
        if (before.cases() == 0) {
            assertThat(r.total().caseMixIndex()).isEqualByComparingTo("0.9715");   // (1.3144 + 0.6285) / 2
        }
        assertThat(r.groups()).singleElement().satisfies(g -> assertThat(g.key()).isEqualTo("2026-03"));
        assertThat(r.formula()).contains("÷", "not transfer-adjusted");

        assertThat(drCoderCases(caseMix(day, CaseMix.By.ATTENDING))).isEqualTo(drCoderBefore + 2);
        assertThat(caseMix(day, CaseMix.By.SERVICE_LINE).groups()).extracting(CaseMix.Group::key).contains("Medicine");

        // A reopened abstract leaves the index until finalized again.
        accounts.runAs(Role.CODER, () -> abstracts.reopen(mcc.encounterId(), JdbcAbstracts.BILLING, "late lab result"));
        assertThat(caseMix(day, CaseMix.By.MONTH).total().cases()).isEqualTo(before.cases() + 1);

        // The page: formula, trend and the three splits; the API; the director only.
        BigDecimal reopened = index(before.relativeWeights().add(W195), before.cases() + 1);
        String director = accounts.of(Role.HIM_DIRECTOR);
        JsonNode json = api.as(director, "GET", "/api/coding/case-mix?dischargedFrom=" + day + "&dischargedTo=" + day
                + "&by=SERVICE_LINE", null).json();
        assertThat(json.get("total").get("caseMixIndex").decimalValue()).isEqualByComparingTo(reopened);
        org.custodian.support.WebSession web = new org.custodian.support.WebSession(api.baseUrl());
        web.login(director, StaffAccounts.PASSWORD);
        org.custodian.support.WebSession.Page page = web.get("/coding/case-mix?from=" + day + "&to=" + day);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-testid=\"cmi-trend\"", "data-testid=\"cmi-by-service\"",
                "data-testid=\"cmi-by-attending\"", "Σ relative weight", "data-cmi=\"2026-03\">" + reopened.toPlainString());
        assertThat(api.as(accounts.of(Role.CODER), "GET", "/api/coding/case-mix", null).status()).isEqualTo(403);
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void regroupingStopsAtShutdownInsteadOfLoggingEveryStayAsNotGrouped(org.springframework.boot.test.system.CapturedOutput output) {
        LocalDate day = LocalDate.of(2026, 4, 23);
        List<Long> stays = List.of(inpatient(day).encounterId(), inpatient(day).encounterId(), inpatient(day).encounterId());
        int[] grouped = {-1};
        accounts.runAs(Role.CODER, () -> {
            // The refresher thread interrupted by shutdown: every audited regroup would fail from here on.
            Thread.currentThread().interrupt();
            try {
                grouped[0] = caseMixService.regroup(stays);
            } finally {
                Thread.interrupted();
            }
        });
        assertThat(grouped[0]).isZero();
        assertThat(output.getAll()).contains("regrouping stopped by shutdown after 0 of 3 encounters");
        for (long id : stays) {
            assertThat(output.getAll()).doesNotContain("encounter " + id + " not grouped");
        }
    }

    @Test
    void aStayNotCodedYetHasAWorkingDrgFromItsDocumentedConditions() {
        LocalDate day = LocalDate.of(2026, 4, 21);
        CodingFixtures.Stay stay = inpatient(day);
        accounts.runAs(Role.CLINICIAN, () -> findings.recordAll(List.of(
                new NewFinding(stay.patientId(), stay.encounterId(), FindingKind.CONDITION, CodedFinding.ICD_10_CM, "J18.9",
                        "Pneumonia", null, null),
                new NewFinding(stay.patientId(), stay.encounterId(), FindingKind.CONDITION, CodedFinding.ICD_10_CM, "J96.01",
                        "Acute respiratory failure with hypoxia", null, null))));
        accounts.runAs(Role.CODER, () -> caseMixService.refreshMissing(10_000));
        JdbcWorklist.Dnfb dnfb = worklist.dnfb(day, day);
        assertThat(dnfb.expectedPayment()).isEqualByComparingTo(pay(W193));
        List<WorklistItem> items = new ArrayList<>();
        accounts.runAs(Role.CODER, () -> items.addAll(worklist.worklist("reimbursement", null, day, day, 50)));
        assertThat(items).filteredOn(i -> i.encounterId() == stay.encounterId()).singleElement().satisfies(i -> {
            assertThat(i.drg()).isEqualTo("193");
            assertThat(i.drgStage()).isEqualTo("working, from documentation");
        });
        // Once coded, the abstract's DRG replaces it.
        accounts.runAs(Role.CODER, () -> abstracts.save(stay.encounterId(), JdbcAbstracts.BILLING, pneumonia(false)));
        assertThat(worklist.dnfb(day, day).expectedPayment()).isEqualByComparingTo(pay(W195));
    }

    @Test
    void theApiGivesAnEncountersDrgAndAnInHouseStayIsGroupedAsOfToday() {
        CodingFixtures.Stay stay = inpatient(LocalDate.of(2026, 5, 12));
        accounts.runAs(Role.CODER, () -> abstracts.save(stay.encounterId(), JdbcAbstracts.BILLING, pneumonia(true)));
        CaseMix.EncounterDrg[] d = new CaseMix.EncounterDrg[1];
        accounts.runAs(Role.CDI_SPECIALIST, () -> d[0] = caseMix.encounterDrg(stay.encounterId()));
        assertThat(d[0].drg()).isEqualTo("193");
        assertThat(d[0].stage()).isEqualTo("working");
        assertThat(d[0].expectedPayment()).isEqualByComparingTo(pay(W193));

        // Still in the house, admitted yesterday: grouped as if discharged today; today (FY2027 since
        // 2026-10-01) needs grouper v44, which is not loaded — said, not grouped with v43.
        long[] inHouse = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            inHouse[0] = charts.record(new NewEncounter(stay.patientId(), null, EncounterClass.INPATIENT,
                    Instant.now().minusSeconds(86_400), null, "Dr. Coder", "Medicine", null)).id();
            findings.recordAll(List.of(new NewFinding(stay.patientId(), inHouse[0], FindingKind.CONDITION, CodedFinding.ICD_10_CM,
                    "J18.9", "Pneumonia", null, null)));
        });
        accounts.runAs(Role.CDI_SPECIALIST, () -> d[0] = caseMix.encounterDrg(inHouse[0]));
        if (!LocalDate.now().isBefore(LocalDate.of(2026, 10, 1))) {
            assertThat(d[0].drg()).isNull();
            assertThat(d[0].message()).contains("grouper v44 not loaded");
        } else {
            assertThat(d[0].drg()).isEqualTo("195");
        }
        assertThat(api.as(accounts.of(Role.CDI_SPECIALIST), "GET", "/api/coding/encounters/" + stay.encounterId() + "/drg", null)
                .json().get("drg").asString()).isEqualTo("193");
    }

    @Test
    void priorCodingsAreGroupedAsTheyAreRecorded() {
        LocalDate day = LocalDate.of(2026, 6, 23);
        CodingFixtures.Stay stay = inpatient(day);
        Instant done = day.plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        accounts.runAs(Role.CODER, () -> history.recordFinal(List.of(new CodingHistory.PriorCoding(stay.encounterId(),
                List.of(new CodingHistory.PriorCode("J18.9", "Y", null), new CodingHistory.PriorCode("J96.01", "Y", null)),
                List.of(), "01", "coder", done.minusSeconds(600), done))));
        assertThat(jdbc.sql("select drg from coding_drg where encounter_id = ? and final").param(stay.encounterId())
                .query(Integer.class).single()).isEqualTo(193);
    }
}
