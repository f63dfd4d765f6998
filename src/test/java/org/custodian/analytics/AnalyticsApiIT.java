package org.custodian.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.custodian.HospitalClock;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The analytics API: the registry with formulas, targets and their sources; a series whose latest
 * value is the database's figure; the records behind it named with patient name and MRN; CSV; the
 * permission of each metric; and the Prometheus gauges behind {@code metrics:scrape}.
 */
@CustodianTest
class AnalyticsApiIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired HospitalClock clock;

    @Test
    void theRegistryListsEachMetricWithFormulaUnitTargetAndTheTargetsSource() {
        JsonNode metrics = api.as("admin", "GET", "/api/analytics/metrics", null).json();
        List<String> ids = new ArrayList<>();
        metrics.forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).contains("dnfb-encounters", "dnfb-average-days", "coding-productivity", "coding-accuracy",
                "roi-turnaround", "roi-overdue", "roi-due-soon", "amendments-overdue", "amendments-pending",
                "mpi-duplicate-rate", "mpi-pairs-pending", "credentials-due", "audit-chain");
        JsonNode roi = find(metrics, "roi-turnaround");
        assertThat(roi.get("formula").asText()).contains("receipt to release");
        assertThat(roi.get("unit").asText()).isEqualTo("days");
        assertThat(roi.get("target").asDouble()).isEqualTo(30.0);
        assertThat(roi.get("targetSource").asText()).contains("45 CFR 164.524(b)(2)");
        assertThat(find(metrics, "mpi-duplicate-rate").get("targetSource").asText()).contains("AHIMA");
        assertThat(find(metrics, "coding-accuracy").get("target").asDouble()).isEqualTo(95.0);
        // A personal figure is the signed-in coder's own, not the department's.
        assertThat(find(metrics, "my-coding-productivity").get("permission").asText()).isEqualTo("coding:write");
    }

    @Test
    void theDnfbSeriesEndsWithTodaysFigureFromTheDatabaseAndNamesThePatientsBehindIt() {
        long encounterId = dischargedEncounter();
        Api.Response r = api.as("admin", "GET", "/api/analytics/metrics/dnfb-encounters?interval=month", null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        long inDatabase = jdbc.sql("""
                select count(*) from coding_worklist w
                left join coding_abstract a on a.encounter_id = w.encounter_id and a.kind = 'BILLING'
                where a.finalized_at is null""").query(Long.class).single();
        assertThat(body.get("latest").get("value").asLong()).isEqualTo(inDatabase);
        assertThat(body.get("latest").get("to").asText()).isEqualTo(clock.today().toString());
        assertThat(body.get("series")).hasSize(12);
        JsonNode row = null;
        for (JsonNode n : body.get("records")) {
            if (n.get("encounterId").asLong() == encounterId) {
                row = n;
            }
        }
        assertThat(row).as("the new encounter behind the figure").isNotNull();
        assertThat(row.get("patientName").asText()).contains("Analytic");
        assertThat(row.get("mrn").asText()).isNotBlank();
        assertThat(row.get("visitNumber").asText()).isNotBlank();
    }

    @Test
    void aSeriesByDayHasOnePointPerDayAndTheCsvTheSameFigures() {
        LocalDate to = clock.today();
        LocalDate from = to.minusDays(6);
        JsonNode body = api.as("admin", "GET", "/api/analytics/metrics/roi-overdue?from=" + from + "&to=" + to + "&interval=day", null).json();
        assertThat(body.get("series")).hasSize(7);
        Api.Response csv = api.as("admin", "GET", "/api/analytics/metrics/roi-overdue/series.csv?from=" + from + "&to=" + to
                + "&interval=day", null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("metric,period_start,period_end,value,unit");
        assertThat(lines).hasSize(8);
        assertThat(lines[7]).startsWith("roi-overdue," + to + "," + to + ",");
        double last = body.get("series").get(6).get("value").asDouble();
        assertThat(Double.parseDouble(lines[7].split(",")[3])).isEqualTo(last);
    }

    @Test
    void unknownMetricIs404BadIntervalAndBackwardPeriodAre400() {
        assertThat(api.as("admin", "GET", "/api/analytics/metrics/no-such-metric", null).status()).isEqualTo(404);
        Api.Response interval = api.as("admin", "GET", "/api/analytics/metrics/roi-overdue?interval=fortnight", null);
        assertThat(interval.status()).isEqualTo(400);
        assertThat(interval.body()).contains("interval");
        assertThat(api.as("admin", "GET", "/api/analytics/metrics/roi-overdue?from=2026-05-01&to=2026-04-01", null).status())
                .isEqualTo(400);
        assertThat(api.as("admin", "GET", "/api/analytics/metrics/roi-overdue?from=yesterday", null).status()).isEqualTo(400);
    }

    @Test
    void theApiIsTheDashboardsAndEachMetricNeedsItsOwnPermission() {
        assertThat(api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/api/analytics/metrics", null).status()).isEqualTo(200);
        assertThat(api.as(accounts.of(Role.CODER), "GET", "/api/analytics/metrics", null).status()).isEqualTo(403);
        assertThat(api.get("/api/analytics/metrics").status()).isEqualTo(401);
    }

    @Test
    void prometheusShowsEveryDepartmentGaugeToAScraperOnly() {
        Api.Response r = api.as("admin", "GET", "/actuator/prometheus", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("custodian_kpi{metric=\"dnfb-encounters\"", "custodian_kpi{metric=\"audit-chain\"")
                .doesNotContain("metric=\"my-coding-productivity\"");
        assertThat(api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/actuator/prometheus", null).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
    }

    @Autowired org.custodian.coding.CodingHistory history;

    /** Coding accuracy: codes both the coder and the auditor gave over the codes either gave, for charts audited in the period. */
    @Test
    void codingAccuracyIsTheCodesBothGaveOverTheCodesEitherGave() {
        long id = dischargedEncounter();
        String coder = accounts.of(Role.CODER);
        assertThat(api.as(coder, "PUT", "/api/coding/encounters/" + id + "/abstract", """
                {"principalDiagnosis":{"code":"J18.9","poa":"Y"},"secondaryDiagnoses":[{"code":"I10","poa":"Y"}],
                 "dischargeDisposition":"01","admitSource":"1"}""").status()).isEqualTo(200);
        assertThat(api.as(coder, "POST", "/api/coding/encounters/" + id + "/abstract/finalize", null).status()).isEqualTo(200);
        // The auditor agrees on the principal, misses I10 and adds E66.9: 1 code of 3 agrees.
        Instant at = Instant.parse("2001-02-03T15:00:00Z");
        var code = (java.util.function.Function<String, org.custodian.coding.CodingHistory.PriorCode>)
                c -> new org.custodian.coding.CodingHistory.PriorCode(c, "Y", null);
        assertThat(history.recordAudits(List.of(new org.custodian.coding.CodingHistory.PriorCoding(id,
                List.of(code.apply("J18.9"), code.apply("E66.9")), List.of(), "01", "auditor-" + id, at.minusSeconds(1200), at))))
                .isEqualTo(1);
        // An auditor does not audit their own coding, nor a chart twice.
        assertThat(history.recordAudits(List.of(new org.custodian.coding.CodingHistory.PriorCoding(id,
                List.of(code.apply("J18.9")), List.of(), "01", coder, at, at)))).isZero();
        JsonNode body = api.as("admin", "GET", "/api/analytics/metrics/coding-accuracy?from=2001-02-03&to=2001-02-03&interval=day",
                null).json();
        assertThat(body.get("latest").get("value").asDouble()).isCloseTo(100.0 / 3, org.assertj.core.data.Offset.offset(0.001));
        assertThat(body.get("latest").get("status").asText()).isEqualTo("MISSES");
        assertThat(body.get("records")).hasSize(1);
        assertThat(body.get("records").get(0).get("detail").asText()).isEqualTo("1 of 3 codes agree");
    }

    private static JsonNode find(JsonNode metrics, String id) {
        for (JsonNode m : metrics) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + id);
    }

    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;

    /** A patient discharged yesterday, so on the coding worklist and in DNFB. */
    private long dischargedEncounter() {
        long[] id = new long[1];
        accounts.runAs(Role.CLINICIAN, () -> {
            long patientId = patients.register(new NewPatient(null, null, "Analytic", null,
                    "Figure-" + UUID.randomUUID().toString().substring(0, 8), LocalDate.of(1961, 4, 5), AdministrativeSex.F,
                    null, null, null, null)).id();
            Instant admit = Instant.now().minus(3, ChronoUnit.DAYS);
            id[0] = charts.record(new NewEncounter(patientId, null, EncounterClass.INPATIENT, admit,
                    admit.plus(2, ChronoUnit.DAYS), "Dr. Figure", "Medicine", null)).id();
        });
        // The worklist takes discharged encounters from an event; wait until it has this one.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                jdbc.sql("select count(*) from coding_worklist where encounter_id = ?").param(id[0]).query(Long.class).single() == 1);
        return id[0];
    }
}
