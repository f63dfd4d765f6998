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
import org.custodian.disclosure.AccountingOfDisclosures;
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
    @Autowired AccountingOfDisclosures accounting;

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

    /**
     * CDI's rates on the director's and the CDI specialist's home: each equals the database's count over
     * this month's queries and reviews, and a reviewed stay with one agreed query (severity up to MCC) and
     * one unanswered query moves every figure's records and lands in its drill-down.
     */
    @Test
    void cdiRatesAreTheDatabasesAndMoveWithNewQueries() {
        List<String> ids = List.of("cdi-query-rate", "cdi-response-rate", "cdi-agreement-rate", "cdi-cc-mcc-capture-rate");
        List<Integer> before = new ArrayList<>();
        ids.forEach(id -> before.add(series(id, "interval=month").get("records").size()));

        Stay stay = stay("Cdi", 1);
        Instant now = Instant.now();
        jdbc.sql("""
                insert into cdi_review (encounter_id, patient_id, reviewer, reviewed_at, timing)
                values (?, ?, 'cdi-figures', ?, 'RETROSPECTIVE')""").params(stay.encounterId(), stay.patientId(), ts(now)).update();
        long agreed = cdiQuery(stay, now, now.plusSeconds(3600), "AGREED", "MCC");
        long open = cdiQuery(stay, now, null, null, null);

        String monthStart = "date_trunc('month', (now() at time zone :zone)) at time zone :zone";
        String zone = clock.getZone().getId();
        double queried = jdbc.sql("select count(distinct encounter_id) from cdi_query where created_at >= " + monthStart)
                .param("zone", zone).query(Long.class).single();
        double reviewed = jdbc.sql("select count(distinct encounter_id) from cdi_review where reviewed_at >= " + monthStart)
                .param("zone", zone).query(Long.class).single();
        double sent = jdbc.sql("select count(*) from cdi_query where created_at >= " + monthStart).param("zone", zone)
                .query(Long.class).single();
        double answered = jdbc.sql("select count(*) from cdi_query where answered_at is not null and created_at >= " + monthStart)
                .param("zone", zone).query(Long.class).single();
        double agreedCount = jdbc.sql("select count(*) from cdi_query where answered_at is not null and outcome = 'AGREED' and created_at >= "
                + monthStart).param("zone", zone).query(Long.class).single();
        double captured = jdbc.sql("""
                select count(*) from cdi_query where answered_at is not null and created_at >= %s
                  and (case severity_after when 'MCC' then 2 when 'CC' then 1 else 0 end) > 0
                  and (case severity_after when 'MCC' then 2 when 'CC' then 1 else 0 end)
                    > (case severity_before when 'MCC' then 2 when 'CC' then 1 else 0 end)""".formatted(monthStart))
                .param("zone", zone).query(Long.class).single();
        double[] expected = {100 * queried / reviewed, 100 * answered / sent, 100 * agreedCount / answered, 100 * captured / answered};
        int[] added = {1, 2, 1, 1};
        for (int i = 0; i < ids.size(); i++) {
            JsonNode after = series(ids.get(i), "interval=month");
            assertThat(after.get("latest").get("value").asDouble()).as(ids.get(i)).isCloseTo(expected[i], Offset.offset(0.06));
            assertThat(after.get("records").size()).as(ids.get(i) + ": records behind the figure").isEqualTo(before.get(i) + added[i]);
            JsonNode row = record(after, stay.encounterId());
            assertThat(row).as(ids.get(i) + " drill-down").isNotNull();
            assertThat(row.get("patientName").asText()).contains(stay.family());
        }
        JsonNode response = series("cdi-response-rate", "interval=month");
        List<String> details = new ArrayList<>();
        response.get("records").forEach(r -> {
            if (r.get("encounterId").asLong() == stay.encounterId()) {
                details.add(r.get("item").asText() + ": " + r.get("detail").asText());
            }
        });
        assertThat(details).contains("CDI query " + open + ": Unanswered").anyMatch(d -> d.startsWith("CDI query " + agreed + ": Answered"));
        JsonNode metrics = api.as(accounts.of(Role.HIM_DIRECTOR), "GET", "/api/analytics/metrics", null).json();
        assertThat(find(metrics, "cdi-agreement-rate").get("formula").asText()).contains("÷");
        accounts.runAs(Role.CDI_SPECIALIST, () -> assertThat(registry.home()).extracting(Metric::id).contains(ids.toArray(String[]::new)));
        accounts.runAs(Role.ROI_SPECIALIST, () -> assertThatThrownBy(() -> registry.require("cdi-query-rate"))
                .as("CDI figures need cdi:review").isInstanceOf(AccessDeniedException.class));
    }

    /**
     * Accounting requests (45 CFR 164.528(c)(1): 60 days): a request received 55 days ago is open and due
     * within 7 days, one received today is open but not yet due; fulfilling the first takes it off both.
     */
    @Test
    void accountingRequestsOpenAndDueMoveWithRequestsAndFulfilment() {
        double open0 = series("accounting-requests-open", "interval=month").get("latest").get("value").asDouble();
        double due0 = series("accounting-requests-due", "interval=month").get("latest").get("value").asDouble();
        Stay stay = stay("Accounting", 1);
        LocalDate today = clock.today();
        long[] ids = new long[2];
        accounts.runAs(Role.ROI_SPECIALIST, () -> {
            ids[0] = accounting.receive(stay.patientId(), "Ada Requester", today.minusDays(55)).id();
            ids[1] = accounting.receive(stay.patientId(), "Bea Requester", today).id();
        });
        JsonNode open = series("accounting-requests-open", "interval=month");
        JsonNode due = series("accounting-requests-due", "interval=month");
        assertThat(open.get("latest").get("value").asDouble()).isEqualTo(open0 + 2);
        assertThat(due.get("latest").get("value").asDouble()).isEqualTo(due0 + 1);
        JsonNode row = patientRecord(due, stay.patientId());
        assertThat(row.get("item").asText()).contains("Ada Requester");
        assertThat(row.get("patientName").asText()).contains(stay.family());
        accounts.runAs(Role.ROI_SPECIALIST, () -> accounting.fulfil(ids[0]));
        assertThat(series("accounting-requests-open", "interval=month").get("latest").get("value").asDouble()).isEqualTo(open0 + 1);
        assertThat(series("accounting-requests-due", "interval=month").get("latest").get("value").asDouble()).isEqualTo(due0);
        for (Role role : List.of(Role.ROI_SPECIALIST, Role.PRIVACY_OFFICER, Role.HIM_DIRECTOR)) {
            accounts.runAs(role, () -> assertThat(registry.home()).extracting(Metric::id)
                    .contains("accounting-requests-open", "accounting-requests-due"));
        }
    }

    /**
     * Interface errors: a message held for reprocessing and a rejected one received within 24 hours count,
     * one received 25 hours ago does not, and a held message processed since leaves the figure.
     */
    @Test
    void interfaceErrorsCountMessagesInErrorOfTheLast24Hours() {
        double before = series("interface-errors", "interval=day").get("latest").get("value").asDouble();
        String tag = TestPatients.uniqueName("Hl7");
        Instant now = Instant.now();
        long held = hl7(tag + "-1", now.minus(1, ChronoUnit.HOURS), "FAILED", "AE", "PID-3: no MRN");
        hl7(tag + "-2", now.minus(2, ChronoUnit.HOURS), "REJECTED", "AR", "MSH-9: unsupported message type");
        hl7(tag + "-3", now.minus(25, ChronoUnit.HOURS), "FAILED", "AE", "too old to count");
        JsonNode after = series("interface-errors", "interval=day");
        assertThat(after.get("latest").get("value").asDouble()).isEqualTo(before + 2);
        List<String> details = new ArrayList<>();
        after.get("records").forEach(r -> details.add(r.get("item").asText() + ": " + r.get("detail").asText()));
        assertThat(details).contains("Message " + held + " (ADT^A08): Held for reprocessing: PID-3: no MRN")
                .noneMatch(d -> d.contains("too old to count"));
        jdbc.sql("update hl7_message set status = 'PROCESSED', ack_code = 'AA', error = null where id = ?").param(held).update();
        assertThat(series("interface-errors", "interval=day").get("latest").get("value").asDouble()).isEqualTo(before + 1);
        accounts.runAs(Role.ROI_SPECIALIST, () -> assertThatThrownBy(() -> registry.require("interface-errors"))
                .as("interface figures need interface:manage").isInstanceOf(AccessDeniedException.class));
        accounts.runAs(Role.HIM_DIRECTOR, () -> assertThat(registry.home()).extracting(Metric::id).contains("interface-errors"));
    }

    private long hl7(String controlId, Instant at, String status, String ack, String error) {
        return jdbc.sql("""
                insert into hl7_message (received_at, sending_application, sending_facility, control_id, message_type, version, raw,
                                         status, ack_code, error)
                values (?, 'FIGURES', 'TEST', ?, 'ADT^A08', '2.5.1', 'MSH|^~\\&|FIGURES', ?, ?, ?) returning id""")
                .params(ts(at), controlId, status, ack, error).query(Long.class).single();
    }

    private long cdiQuery(Stay stay, Instant sent, Instant answered, String outcome, String severityAfter) {
        return jdbc.sql("""
                insert into cdi_query (encounter_id, patient_id, practitioner_id, template, format, question, timing, status,
                                       created_by, created_at, answered_at, outcome, severity_before, severity_after)
                values (?, ?, 0, 'sepsis', 'OPEN_ENDED', 'Please clarify.', 'RETROSPECTIVE', ?, 'cdi-figures', ?, ?, ?, 'NONE', ?)
                returning id""").params(stay.encounterId(), stay.patientId(), answered == null ? "OPEN" : "ANSWERED", ts(sent),
                answered == null ? null : ts(answered), outcome, severityAfter).query(Long.class).single();
    }

    private JsonNode series(String id, String query) {
        // Privacy figures are the administrator's (privacy:monitor); CDI and interface figures the HIM director's,
        // since the administrator no longer reviews CDI cases or interface messages (issue 22).
        String viewer = id.startsWith("privacy-") || id.startsWith("break-glass-") ? "admin" : accounts.of(Role.HIM_DIRECTOR);
        Api.Response r = api.as(viewer, "GET", "/api/analytics/metrics/" + id + "?" + query, null);
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
