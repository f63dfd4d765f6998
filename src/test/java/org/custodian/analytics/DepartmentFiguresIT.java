package org.custodian.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.custodian.HospitalClock;
import org.custodian.analytics.internal.MetricRegistry;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.completion.Deficiency;
import org.custodian.completion.NewManualDeficiency;
import org.custodian.completion.RecordCompletion;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's figures from record completion (42 CFR 482.24(c)(4)(viii)), privacy monitoring and
 * break-the-glass review (45 CFR 164.308(a)(1)(ii)(D), 164.312(a)(2)(ii)) and reimbursement (CMI,
 * DNFB dollars): each metric's latest value through the API equals an independent count or sum on
 * the database, and the records behind it name the patient with name and MRN.
 */
@CustodianTest
class DepartmentFiguresIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired HospitalClock clock;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired RecordCompletion completion;
    @Autowired MetricRegistry registry;

    record Stay(long patientId, long encounterId, String family) {
    }

    @Test
    void theRegistryNamesEachNewFigureWithFormulaTargetAndTheTargetsSource() {
        JsonNode metrics = api.as("admin", "GET", "/api/analytics/metrics", null).json();
        List<String> ids = new ArrayList<>();
        metrics.forEach(m -> ids.add(m.get("id").asText()));
        assertThat(ids).contains("completion-delinquency-rate", "completion-incomplete-records", "completion-delinquent-records",
                "completion-median-days", "privacy-open-alerts", "break-glass-reviews-overdue", "case-mix-index", "dnfb-dollars");
        JsonNode rate = find(metrics, "completion-delinquency-rate");
        assertThat(rate.get("formula").asText()).contains("Delinquent records ÷ average monthly discharges");
        assertThat(rate.get("unit").asText()).isEqualTo("percent");
        assertThat(rate.get("target").asDouble()).isEqualTo(50.0);
        assertThat(rate.get("targetSource").asText()).contains("Joint Commission", "Retired in 2016");
        assertThat(find(metrics, "completion-delinquent-records").get("targetSource").asText()).contains("42 CFR 482.24(c)(4)(viii)");
        JsonNode glass = find(metrics, "break-glass-reviews-overdue");
        assertThat(glass.get("target").asDouble()).isZero();
        assertThat(glass.get("targetSource").asText()).contains("164.312(a)(2)(ii)");
        assertThat(find(metrics, "case-mix-index").get("formula").asText()).contains("relative weight");
        assertThat(find(metrics, "case-mix-index").get("unit").asText()).isEqualTo("index");
        assertThat(find(metrics, "dnfb-dollars").get("formula").asText()).contains("HFMA");
        assertThat(find(metrics, "dnfb-dollars").get("unit").asText()).isEqualTo("dollars");
    }

    @Test
    void recordCompletionFiguresAreTheDatabasesAndNameThePatients() {
        Stay late = stay("Late", 40);
        Stay recent = stay("Recent", 2);
        awaitCompletionKnows(late);
        awaitCompletionKnows(recent);
        accounts.runAs(Role.HIM_ANALYST, () -> {
            completion.addManual(new NewManualDeficiency(late.encounterId(), null, "ILLEGIBLE", null, "Illegible progress note"));
            Deficiency d = completion.addManual(new NewManualDeficiency(recent.encounterId(), null, "SCANNED_SIGNATURE", null,
                    "Consent form unsigned"));
            completion.close(d.id(), "Signed copy scanned");
        });
        String zone = clock.getZone().getId();
        LocalDate today = clock.today();
        int n = jdbc.sql("select delinquent_days from completion_policy order by version desc limit 1").query(Integer.class).single();

        long incomplete = jdbc.sql("select count(distinct encounter_id) from deficiency where state = 'OPEN'").query(Long.class).single();
        JsonNode inc = series("completion-incomplete-records", "interval=month");
        assertThat(inc.get("latest").get("value").asLong()).isEqualTo(incomplete).isPositive();
        assertThat(inc.get("latest").get("to").asText()).isEqualTo(today.toString());

        long delinquent = jdbc.sql("""
                select count(distinct d.encounter_id) from deficiency d join chart_completion_encounter e on e.encounter_id = d.encounter_id
                where d.state = 'OPEN' and e.discharge_at is not null and (e.discharge_at at time zone :zone)::date + :n + 1 <= :today""")
                .param("zone", zone).param("n", n).param("today", today).query(Long.class).single();
        JsonNode del = series("completion-delinquent-records", "interval=month");
        assertThat(del.get("latest").get("value").asLong()).isEqualTo(delinquent).isPositive();
        JsonNode row = record(del, late.encounterId());
        assertThat(row).as("the 40-day-old record behind the figure").isNotNull();
        assertThat(row.get("patientName").asText()).contains(late.family());
        assertThat(row.get("mrn").asText()).isNotBlank();
        assertThat(row.get("visitNumber").asText()).isNotBlank();
        assertThat(record(del, recent.encounterId())).as("a record within its completion period is not delinquent").isNull();

        // The default formula: delinquent ÷ (finished discharges of the three months before this one ÷ 3), in percent.
        assertThat(jdbc.sql("select formula from completion_policy order by version desc limit 1").query(String.class).single())
                .isEqualTo("MONTHLY_DISCHARGES");
        long quarter = jdbc.sql("""
                select count(*) from chart_completion_encounter where status = 'FINISHED' and discharge_at is not null
                  and (discharge_at at time zone :zone)::date >= :from and (discharge_at at time zone :zone)::date < :to""")
                .param("zone", zone).param("from", today.withDayOfMonth(1).minusMonths(3)).param("to", today.withDayOfMonth(1))
                .query(Long.class).single();
        assertThat(quarter).isPositive();
        double expectedRate = Math.round(delinquent * 10000.0 / (quarter / 3.0)) / 100.0;
        JsonNode rate = series("completion-delinquency-rate", "interval=month");
        assertThat(rate.get("latest").get("value").asDouble()).isCloseTo(expectedRate, Offset.offset(1e-9));
        assertThat(rate.get("latest").get("status").asText()).isEqualTo(expectedRate <= 50 ? "MEETS" : "MISSES");

        Double median = jdbc.sql("""
                select percentile_cont(0.5) within group (order by extract(epoch from (closed_at - opened_at)) / 86400.0)
                from deficiency where state = 'CLOSED' and closed_at >= :from""")
                .param("from", clock.startOf(today.withDayOfMonth(1)).atOffset(ZoneOffset.UTC)).query(Double.class).single();
        JsonNode days = series("completion-median-days", "interval=month");
        assertThat(days.get("latest").get("value").asDouble()).isCloseTo(median, Offset.offset(1e-6));
        assertThat(record(days, recent.encounterId()).get("patientName").asText()).contains(recent.family());

        // The analyst's home shows the completion figures; the director's median and the coding department's are not theirs.
        accounts.runAs(Role.HIM_ANALYST, () -> {
            assertThat(registry.home()).extracting(Metric::id).containsExactlyInAnyOrder("completion-incomplete-records",
                    "completion-delinquent-records", "completion-delinquency-rate");
            assertThatThrownBy(() -> registry.require("completion-median-days")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> registry.require("case-mix-index")).isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void openSnoopingAlertsAndOverdueBreakTheGlassReviewsAreTheDatabasesCounts() {
        Stay watched = stay("Watched", 5);
        Instant now = Instant.now();
        // An alert the privacy officer has not decided, and an emergency access whose review is two days late.
        jdbc.sql("""
                insert into monitoring_alert (username, patient_id, day, score, first_at, last_at, created_at)
                values ('curious.clerk', ?, ?, 120, ?, ?, ?)""")
                .params(watched.patientId(), clock.today().minusDays(1), ts(now.minus(1, ChronoUnit.DAYS)),
                        ts(now.minus(1, ChronoUnit.DAYS)), ts(now.minus(1, ChronoUnit.HOURS))).update();
        jdbc.sql("""
                insert into break_glass_grant (patient_id, username, purpose, reason, granted_at, expires_at, review_due)
                values (?, 'night.nurse', 'ETREAT', 'Unconscious on arrival', ?, ?, ?)""")
                .params(watched.patientId(), ts(now.minus(5, ChronoUnit.DAYS)), ts(now.minus(5, ChronoUnit.DAYS).plus(4, ChronoUnit.HOURS)),
                        ts(now.minus(2, ChronoUnit.DAYS))).update();

        long open = jdbc.sql("select count(*) from monitoring_alert where decision is null").query(Long.class).single();
        JsonNode alerts = series("privacy-open-alerts", "interval=week");
        assertThat(alerts.get("latest").get("value").asLong()).isEqualTo(open).isPositive();
        JsonNode alert = patientRecord(alerts, watched.patientId());
        assertThat(alert.get("patientName").asText()).contains(watched.family());
        assertThat(alert.get("mrn").asText()).isNotBlank();
        assertThat(alert.get("item").asText()).contains("curious.clerk");

        long overdue = jdbc.sql("select count(*) from break_glass_grant where reviewed_at is null and review_due < now()")
                .query(Long.class).single();
        JsonNode glass = series("break-glass-reviews-overdue", "interval=week");
        assertThat(glass.get("latest").get("value").asLong()).isEqualTo(overdue).isPositive();
        assertThat(glass.get("latest").get("status").asText()).isEqualTo("MISSES");
        JsonNode grant = patientRecord(glass, watched.patientId());
        assertThat(grant.get("patientName").asText()).contains(watched.family());
        assertThat(grant.get("detail").asText()).contains("2 days past its deadline");

        // The privacy officer's home shows both; the HIM director may see neither.
        accounts.runAs(Role.PRIVACY_OFFICER, () -> assertThat(registry.home()).extracting(Metric::id)
                .contains("privacy-open-alerts", "break-glass-reviews-overdue"));
        String director = accounts.of(Role.HIM_DIRECTOR);
        assertThat(api.as(director, "GET", "/api/analytics/metrics/privacy-open-alerts", null).status()).isEqualTo(403);
        assertThat(api.as(director, "GET", "/api/analytics/metrics/break-glass-reviews-overdue", null).status()).isEqualTo(403);
    }

    @Test
    void caseMixIndexByMonthAndDnfbDollarsAreTheDatabasesFigures() {
        // Discharged in June 2026 (FY2026, grouper v43 with its base rate), one coded and final, one in progress.
        Instant discharge = LocalDate.of(2026, 6, 10).atTime(11, 0).atZone(clock.getZone()).toInstant();
        Stay coded = stayAt("Weighed", discharge);
        Stay pending = stayAt("Unbilled", discharge);
        String coder = accounts.of(Role.CODER);
        String pneumonia = """
                {"principalDiagnosis":{"code":"J18.9","poa":"Y"},"secondaryDiagnoses":[{"code":"J96.01","poa":"Y"}],
                 "dischargeDisposition":"01","admitSource":"1"}""";
        assertThat(api.as(coder, "PUT", "/api/coding/encounters/" + coded.encounterId() + "/abstract", pneumonia).status()).isEqualTo(200);
        assertThat(api.as(coder, "POST", "/api/coding/encounters/" + coded.encounterId() + "/abstract/finalize", null).status())
                .isEqualTo(200);
        assertThat(api.as(coder, "PUT", "/api/coding/encounters/" + pending.encounterId() + "/abstract", pneumonia).status())
                .isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from coding_drg where encounter_id in (?, ?) and expected_payment is not null and final = (encounter_id = ?)")
                .params(coded.encounterId(), pending.encounterId(), coded.encounterId()).query(Long.class).single() == 2);

        BigDecimal cmi = jdbc.sql("""
                select round(sum(weight) / count(*), 4) from coding_drg
                where final and weight is not null and discharge_date between '2026-06-01' and '2026-06-30'""")
                .query(BigDecimal.class).single();
        JsonNode mix = series("case-mix-index", "from=2026-04-01&to=2026-06-30&interval=month");
        assertThat(mix.get("series")).hasSize(3);
        assertThat(mix.get("latest").get("to").asText()).isEqualTo("2026-06-30");
        assertThat(BigDecimal.valueOf(mix.get("latest").get("value").asDouble())).isEqualByComparingTo(cmi);
        JsonNode stay = record(mix, coded.encounterId());
        assertThat(stay.get("patientName").asText()).contains(coded.family());
        assertThat(stay.get("item").asText()).isEqualTo("MS-DRG 193");
        assertThat(record(mix, pending.encounterId())).as("a stay not final-coded is not in the index").isNull();

        BigDecimal dollars = jdbc.sql("""
                select coalesce(sum(d.expected_payment), 0) from coding_worklist w
                left join coding_abstract a on a.encounter_id = w.encounter_id and a.kind = 'BILLING'
                join coding_drg d on d.encounter_id = w.encounter_id
                where w.discharge_at <= now() and a.finalized_at is null""").query(BigDecimal.class).single();
        JsonNode dnfb = series("dnfb-dollars", "interval=month");
        assertThat(BigDecimal.valueOf(dnfb.get("latest").get("value").asDouble()).setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo(dollars).isPositive();
        JsonNode unbilled = record(dnfb, pending.encounterId());
        assertThat(unbilled.get("patientName").asText()).contains(pending.family());
        assertThat(unbilled.get("detail").asText()).startsWith("$").contains("expected");
        assertThat(record(dnfb, coded.encounterId())).as("a final-billed stay is not in DNFB").isNull();

        Api.Response gauges = api.as("admin", "GET", "/actuator/prometheus", null);
        assertThat(gauges.body()).contains("custodian_kpi{metric=\"dnfb-dollars\"", "custodian_kpi{metric=\"completion-delinquency-rate\"",
                "custodian_kpi{metric=\"break-glass-reviews-overdue\"");
    }

    private JsonNode series(String id, String query) {
        Api.Response r = api.as("admin", "GET", "/api/analytics/metrics/" + id + "?" + query, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode record(JsonNode body, long encounterId) {
        for (JsonNode n : body.get("records")) {
            if (n.hasNonNull("encounterId") && n.get("encounterId").asLong() == encounterId) {
                return n;
            }
        }
        return null;
    }

    private static JsonNode patientRecord(JsonNode body, long patientId) {
        for (JsonNode n : body.get("records")) {
            if (n.get("patientId").asLong() == patientId) {
                return n;
            }
        }
        throw new AssertionError("no record of patient " + patientId + " in " + body.get("records"));
    }

    private static JsonNode find(JsonNode metrics, String id) {
        for (JsonNode m : metrics) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + id);
    }

    private static java.time.OffsetDateTime ts(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private Stay stay(String prefix, int dischargedDaysAgo) {
        return stayAt(prefix, Instant.now().minus(dischargedDaysAgo, ChronoUnit.DAYS));
    }

    /** An inpatient stay of three days discharged at {@code discharge}, of a new patient with a family name of its own. */
    private Stay stayAt(String prefix, Instant discharge) {
        Stay[] s = new Stay[1];
        String family = TestPatients.uniqueName(prefix);
        accounts.runAs(Role.CLINICIAN, () -> {
            long patient = patients.register(TestPatients.newPatient("Figure", family, LocalDate.of(1956, 2, 9))).id();
            long e = charts.record(new NewEncounter(patient, null, EncounterClass.INPATIENT, discharge.minus(3, ChronoUnit.DAYS),
                    discharge, "Dr. Figure", "Medicine", null)).id();
            s[0] = new Stay(patient, e, family);
        });
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from coding_worklist where encounter_id = ?").param(s[0].encounterId()).query(Long.class).single() == 1);
        return s[0];
    }

    private void awaitCompletionKnows(Stay s) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from chart_completion_encounter where encounter_id = ? and discharge_at is not null")
                .param(s.encounterId()).query(Long.class).single() == 1);
    }
}
