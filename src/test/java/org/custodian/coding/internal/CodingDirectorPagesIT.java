package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.audit.AuditTrail;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The HIM director's coding pages show the figures of their own encounters: DNFB with its aging
 * buckets (at a fixed date, so that every bucket edge is exact), coder productivity over a date
 * range, the dual-coding audit from the sample through blind coding to agreement against 95%, and
 * the MS-DRG reference list with its version. The database is shared: each test seeds its own
 * encounters in a discharge window or a day no other test uses, and its own coder.
 */
@CustodianTest
class CodingDirectorPagesIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcAbstracts abstracts;
    @Autowired AuditTrail audit;

    static final String CODED = """
            {"principalDiagnosis":{"code":"J18.9","poa":"Y"},"secondaryDiagnoses":[{"code":"I10","poa":"Y"},{"code":"E11.65","poa":"Y"}],
             "principalProcedure":{"code":"0BH17EZ","date":"%s"},"dischargeDisposition":"01","admitSource":"1"}""";

    private WebSession as(Role role) {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(role), StaffAccounts.PASSWORD);
        return web;
    }

    /** The number in the element carrying {@code attribute} (e.g. {@code data-figure="count"}) after {@code from}. */
    private static String figure(String html, String from, String attribute) {
        String part = html.substring(html.indexOf(from));
        Matcher m = Pattern.compile(Pattern.quote(attribute) + "\\s*>([^<]*)<").matcher(part);
        assertThat(m.find()).as(attribute + " after " + from).isTrue();
        return m.group(1).trim();
    }

    private static void asCoder(String username, Runnable body) {
        var previous = SecurityContextHolder.getContext().getAuthentication();
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(username, null,
                AuthorityUtils.createAuthorityList("ROLE_CODER", "coding:read", "coding:write")));
        try {
            body.run();
        } finally {
            SecurityContextHolder.getContext().setAuthentication(previous);
        }
    }

    private CodingFixtures.Stay stay(LocalDate discharge, EncounterClass cls) {
        // Born 1940: within the MCE's ages 0-124 (edit 14), so the codes alone decide the edits.
        return CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1940, 1, 1), AdministrativeSex.F, discharge, cls);
    }

    /** Codes and finalizes the stay's billing abstract as {@code coder} (valid FY2026 codes, no error edit). */
    private void codeFinal(String coder, CodingFixtures.Stay stay, LocalDate procedureDate) {
        AbstractInput input = new AbstractInput(new AbstractInput.Diagnosis("J18.9", "Y"),
                List.of(new AbstractInput.Diagnosis("I10", "Y"), new AbstractInput.Diagnosis("E11.65", "Y")),
                new AbstractInput.Procedure("0BH17EZ", procedureDate), List.of(), "01", "1");
        asCoder(coder, () -> {
            assertThat(abstracts.save(stay.encounterId(), JdbcAbstracts.BILLING, input).blocked()).isFalse();
            abstracts.finalizeAbstract(stay.encounterId(), JdbcAbstracts.BILLING);
        });
    }

    /**
     * Aging buckets at a fixed date: two discharges in each bucket, at its edges (whole days since a
     * noon discharge, at 18:00). The window holds other tests' encounters too, so the figures are
     * compared before and after seeding; with the clock fixed nothing else moves between the two.
     */
    @Test
    void dnfbAgingBucketsHaveTheirEdgesRightAtAFixedDate() {
        Instant now = Instant.parse("2026-03-01T18:00:00Z");
        JdbcWorklist fixed = new JdbcWorklist(jdbc, audit, Clock.fixed(now, ZoneOffset.UTC));
        int[] ages = {1, 3, 4, 7, 8, 14, 15, 30, 31, 100};
        LocalDate from = LocalDate.of(2025, 11, 21);
        LocalDate to = LocalDate.of(2026, 2, 28);
        JdbcWorklist.Dnfb before = fixed.dnfb(from, to);
        List<CodingFixtures.Stay> stays = new ArrayList<>();
        for (int age : ages) {
            stays.add(stay(LocalDate.of(2026, 3, 1).minusDays(age), EncounterClass.INPATIENT));
        }
        JdbcWorklist.Dnfb after = fixed.dnfb(from, to);
        assertThat(after.count() - before.count()).isEqualTo(10);
        assertThat(after.totalDays() - before.totalDays()).isEqualTo(213);
        assertThat(after.aging()).extracting(JdbcWorklist.AgingBucket::label)
                .containsExactly("0–3", "4–7", "8–14", "15–30", ">30");
        for (int i = 0; i < 5; i++) {
            assertThat(after.aging().get(i).count() - before.aging().get(i).count()).as(after.aging().get(i).label()).isEqualTo(2);
        }
        assertThat(after.oldestDays()).isGreaterThanOrEqualTo(100);

        // Final-coded: out of DNFB (the 100-day stay leaves the >30 bucket).
        codeFinal("coder-" + UUID.randomUUID().toString().substring(0, 8), stays.get(9), LocalDate.of(2025, 11, 21));
        JdbcWorklist.Dnfb coded = fixed.dnfb(from, to);
        assertThat(coded.count() - before.count()).isEqualTo(9);
        assertThat(coded.totalDays() - before.totalDays()).isEqualTo(113);
        assertThat(coded.aging().get(4).count() - before.aging().get(4).count()).isEqualTo(1);
    }

    @Test
    void theDnfbPageShowsCountDaysAgingAndTheOldestOfTheWindow() {
        // A three-day window in the distant past that holds no other discharge on the worklist: the shared
        // database also has the Synthea imports' historical encounters (a random window alone hit one in CI
        // on 2026-11-27 and counted 4).
        LocalDate first;
        do {
            first = LocalDate.of(1901, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(30_000));
        } while (jdbc.sql("select exists (select 1 from coding_worklist where discharge_at >= ? and discharge_at < ?)")
                .params(first.minusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                        first.plusDays(4).atStartOfDay().atOffset(ZoneOffset.UTC))
                .query(Boolean.class).single());
        CodingFixtures.Stay a = stay(first, EncounterClass.OUTPATIENT);
        CodingFixtures.Stay b = stay(first.plusDays(1), EncounterClass.INPATIENT);
        CodingFixtures.Stay c = stay(first.plusDays(2), EncounterClass.EMERGENCY);
        long expectedDays = 0;
        long oldest = 0;
        for (int i = 0; i < 3; i++) {
            long d = Duration.between(first.plusDays(i).atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC), Instant.now()).toDays();
            expectedDays += d;
            oldest = Math.max(oldest, d);
        }
        WebSession director = as(Role.HIM_DIRECTOR);
        WebSession.Page page = director.get("/coding/dnfb?from=" + first + "&to=" + first.plusDays(2));
        assertThat(page.status()).isEqualTo(200);
        String html = page.body();
        assertThat(figure(html, "dnfb-summary", "data-figure=\"count\"")).isEqualTo("3");
        // Whole days since a noon discharge: equal unless the test straddles noon UTC.
        assertThat(Long.parseLong(figure(html, "dnfb-summary", "data-figure=\"total-days\""))).isBetween(expectedDays, expectedDays + 3);
        assertThat(Long.parseLong(figure(html, "dnfb-summary", "data-figure=\"oldest-days\""))).isBetween(oldest, oldest + 1);
        assertThat(figure(html, "dnfb-aging", "data-bucket=\">30\"")).isEqualTo("3");
        assertThat(figure(html, "dnfb-aging", "data-bucket=\"0–3\"")).isEqualTo("0");
        assertThat(figure(html, "dnfb-by-class", "data-class-count=\"INPATIENT\"")).isEqualTo("1");
        String list = html.substring(html.indexOf("data-testid=\"dnfb-oldest\""));
        assertThat(list.indexOf("data-encounter=\"" + a.encounterId() + "\"")).isPositive()
                .isLessThan(list.indexOf("data-encounter=\"" + b.encounterId() + "\""));
        assertThat(list.indexOf("data-encounter=\"" + b.encounterId() + "\""))
                .isLessThan(list.indexOf("data-encounter=\"" + c.encounterId() + "\""));
        // Linked from the coding pages; the director's, not the coder's.
        assertThat(director.get("/coding").body()).contains("href=\"/coding/dnfb\"", "href=\"/coding/productivity\"",
                "href=\"/coding/audit\"", "href=\"/coding/ms-drgs\"");
        assertThat(director.get("/").body()).contains("href=\"/coding/dnfb\"");
        WebSession coder = as(Role.CODER);
        assertThat(coder.get("/coding/dnfb").status()).isEqualTo(403);
        assertThat(coder.get("/coding").body()).doesNotContain("href=\"/coding/dnfb\"");
    }

    @Test
    void productivityShowsChartsPerHourByCoderAndTypeForTheRange() {
        String coder = "coder-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate discharge = LocalDate.of(2025, 12, 2);
        CodingFixtures.Stay in1 = stay(discharge, EncounterClass.INPATIENT);
        CodingFixtures.Stay in2 = stay(discharge, EncounterClass.INPATIENT);
        CodingFixtures.Stay er = stay(discharge, EncounterClass.EMERGENCY);
        for (CodingFixtures.Stay s : List.of(in1, in2, er)) {
            codeFinal(coder, s, discharge.minusDays(1));
        }
        // The coder's day, set to a past date: 09:00 to 11:00, three charts.
        LocalDate day = LocalDate.of(2019, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(1_000));
        times(in1, day, "09:00", "10:00");
        times(in2, day, "09:30", "10:30");
        times(er, day, "10:30", "11:00");

        WebSession director = as(Role.HIM_DIRECTOR);
        String html = director.get("/coding/productivity?from=" + day + "&to=" + day).body();
        String inpatient = "data-coder=\"" + coder + "\" data-class=\"INPATIENT\"";
        String emergency = "data-coder=\"" + coder + "\" data-class=\"EMERGENCY\"";
        // Two hours for three charts: 2/3 h each; inpatient 2 charts in 1.33 h = 1.5 an hour.
        assertThat(figure(html, inpatient, "data-figure=\"charts\"")).isEqualTo("2");
        assertThat(figure(html, inpatient, "data-figure=\"hours\"")).isEqualTo("1.33");
        assertThat(figure(html, inpatient, "data-figure=\"per-hour\"")).isEqualTo("1.5");
        assertThat(figure(html, emergency, "data-figure=\"charts\"")).isEqualTo("1");
        assertThat(figure(html, emergency, "data-figure=\"hours\"")).isEqualTo("0.67");
        assertThat(figure(html, emergency, "data-figure=\"per-hour\"")).isEqualTo("1.5");
        // The day before shows none of it.
        assertThat(director.get("/coding/productivity?from=" + day.minusDays(1) + "&to=" + day.minusDays(1)).body())
                .doesNotContain(coder);
    }

    private void times(CodingFixtures.Stay stay, LocalDate day, String started, String finalized) {
        assertThat(jdbc.sql("update coding_abstract set started_at = ?, finalized_at = ? where encounter_id = ? and kind = 'BILLING'")
                .params(OffsetDateTime.of(day, LocalTime.parse(started), ZoneOffset.UTC),
                        OffsetDateTime.of(day, LocalTime.parse(finalized), ZoneOffset.UTC), stay.encounterId())
                .update()).isEqualTo(1);
    }

    @Test
    void dualCodingAuditFromSampleThroughBlindCodingToAgreementAgainstTheBenchmark() {
        String coder = "coder-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate discharge = LocalDate.of(2025, 12, 3);
        CodingFixtures.Stay stay = stay(discharge, EncounterClass.INPATIENT);
        codeFinal(coder, stay, discharge.minusDays(1));
        String director = accounts.of(Role.HIM_DIRECTOR);
        assertThat(api.as(director, "POST", "/api/coding/audits/sample",
                "{\"size\":0,\"encounterIds\":[" + stay.encounterId() + "]}").status()).isEqualTo(200);

        WebSession web = as(Role.HIM_DIRECTOR);
        String list = web.get("/coding/audit").body();
        assertThat(list).contains("data-testid=\"blind-list\"", "href=\"/coding/audits/" + stay.encounterId() + "\"");
        // Blind: the auditor's form is empty, never the coder's codes.
        WebSession.Page blind = web.get("/coding/audits/" + stay.encounterId());
        assertThat(blind.status()).isEqualTo(200);
        assertThat(blind.body()).contains("Blind audit abstract", "action=\"/coding/audits/" + stay.encounterId() + "\"")
                .doesNotContain("value=\"J18.9\"", "value=\"E11.65\"");
        // The auditor codes one secondary differently (E11.9 for E11.65), saves, finalizes.
        WebSession.Page saved = web.post("/coding/audits/" + stay.encounterId(), "pdx", "J18.9", "pdxPoa", "Y",
                "sdx0", "I10", "sdxPoa0", "Y", "sdx1", "E11.9", "sdxPoa1", "Y", "ppx", "0BH17EZ",
                "ppxDate", discharge.minusDays(1).toString(), "disposition", "01", "admitSource", "1");
        assertThat(saved.redirectPath()).isEqualTo("/coding/audits/" + stay.encounterId());
        web.get("/coding/audits/" + stay.encounterId());
        assertThat(web.post("/coding/audits/" + stay.encounterId() + "/finalize").redirectPath())
                .isEqualTo("/coding/audits/" + stay.encounterId());
        assertThat(web.get("/coding/audits/" + stay.encounterId()).body()).contains("Final");

        String after = web.get("/coding/audit").body();
        String row = "data-coder=\"" + coder + "\"";
        assertThat(figure(after, row, "data-figure=\"charts\"")).isEqualTo("1");
        assertThat(figure(after, row, "data-figure=\"principal\"")).isEqualTo("100.0%");
        // {J18.9, I10} agree of {J18.9, I10, E11.65, E11.9}.
        assertThat(figure(after, row, "data-figure=\"all-dx\"")).isEqualTo("50.0%");
        assertThat(figure(after, row, "data-figure=\"procedures\"")).isEqualTo("100.0%");
        String coderRow = after.substring(after.indexOf(row));
        assertThat(coderRow.substring(0, coderRow.indexOf("</tr>"))).contains("num below", "Below 95%");
        assertThat(after.substring(after.indexOf("data-testid=\"blind-list\"") < 0 ? 0 : after.indexOf("data-testid=\"blind-list\"")))
                .doesNotContain("href=\"/coding/audits/" + stay.encounterId() + "\"");
        // Not sampled: no blind page.
        assertThat(web.get("/coding/audits/" + (stay.encounterId() + 1_000_000)).status()).isEqualTo(404);
        assertThat(as(Role.CODER).get("/coding/audit").status()).isEqualTo(403);
    }

    @Test
    void theMsDrgListIsV43WithTable5Weights() {
        WebSession coder = as(Role.CODER);
        WebSession.Page page = coder.get("/coding/ms-drgs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("MS-DRG v43", "Table 5").doesNotContain("Reference only", "MS-DRG v40");
        // DRG 470: major hip and knee joint replacement, surgical, MDC 08.
        String row = page.body().substring(page.body().indexOf("data-drg=\"470\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("08", "surgical", "Major Hip and Knee Joint Replacement", "1.9289", "1.9");
        assertThat(as(Role.CLINICIAN).get("/coding/ms-drgs").status()).isEqualTo(403);
    }
}
