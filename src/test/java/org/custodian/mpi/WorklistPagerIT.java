package org.custodian.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientRegistry;

/**
 * The duplicate worklist pages by 50 with the total shown, and the filters survive the page links.
 * The shared database holds thousands of pairs, so the test narrows to its own family name: eleven
 * registrations of one family reported pairwise make 55 pairs, 50 on page 1 and 5 on page 2.
 * The pair view lists both registrations' encounters.
 */
@CustodianTest
class WorklistPagerIT {

    private static final Pattern ROW = Pattern.compile("<tr data-pair=\"(\\d+)\"");

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired MasterPatientIndex mpi;
    @Autowired ChartService charts;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void fiftyFivePairsMakeTwoPagesOfFiftyAndFive() {
        String family = TestPatients.uniqueName("Pager");
        List<Long> ids = new ArrayList<>();
        accounts.runAs(Role.CLINICIAN, () -> {
            for (int i = 0; i < 11; i++) {
                ids.add(patients.register(TestPatients.newPatient("Given" + (char) ('a' + i), family,
                        LocalDate.of(1970, 1, 1 + i))).id());
            }
        });
        List<Long> pairIds = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                pairIds.add(mpi.reportPossibleDuplicate(ids.get(i), ids.get(j)));
            }
        }
        assertThat(pairIds).hasSize(55).doesNotHaveDuplicates();

        WebSession analyst = new WebSession(api.baseUrl());
        analyst.login(accounts.of(Role.DATA_INTEGRITY_ANALYST), StaffAccounts.PASSWORD);
        WebSession.Page first = analyst.get("/mpi/worklist?q=" + family);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains("data-testid=\"pair-total\">55<", "Page 1 of 2");
        List<Long> page1 = rows(first.body());
        assertThat(page1).hasSize(50);
        // The link to page 2 keeps the name filter.
        assertThat(first.body()).contains("href=\"/mpi/worklist?q=" + family + "&amp;page=2\"");

        WebSession.Page second = analyst.get("/mpi/worklist?q=" + family + "&page=2");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).contains("Page 2 of 2", "pairs 51–55 of 55");
        List<Long> page2 = rows(second.body());
        assertThat(page2).hasSize(5).doesNotContainAnyElementsOf(page1);
        List<Long> both = new ArrayList<>(page1);
        both.addAll(page2);
        assertThat(both).containsExactlyInAnyOrderElementsOf(pairIds);

        // A page past the end shows the last page; a coder may not see the worklist at all.
        assertThat(rows(analyst.get("/mpi/worklist?q=" + family + "&page=9").body())).isEqualTo(page2);
        WebSession coder = new WebSession(api.baseUrl());
        coder.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        assertThat(coder.get("/mpi/worklist?page=2").status()).isEqualTo(403);
    }

    @Test
    void thePairViewShowsBothPatientsEncounters() {
        String family = TestPatients.uniqueName("Visits");
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(TestPatients.newPatient("Ann", family, LocalDate.of(1966, 4, 9))).id();
            ids[1] = patients.register(TestPatients.newPatient("Anne", family, LocalDate.of(1966, 4, 9))).id();
            Instant admit = Instant.parse("2025-03-01T15:00:00Z");
            charts.record(new NewEncounter(ids[0], null, EncounterClass.INPATIENT, admit, admit.plus(3, ChronoUnit.DAYS),
                    "Dr. Ames", "Cardiology", null));
            charts.record(new NewEncounter(ids[1], null, EncounterClass.EMERGENCY, admit.plus(40, ChronoUnit.DAYS), null,
                    "Dr. Bell", "Emergency medicine", null));
        });
        long pair = mpi.reportPossibleDuplicate(ids[0], ids[1]);

        WebSession analyst = new WebSession(api.baseUrl());
        analyst.login(accounts.of(Role.DATA_INTEGRITY_ANALYST), StaffAccounts.PASSWORD);
        String body = analyst.get("/mpi/pairs/" + pair).body();
        String table = body.substring(body.indexOf("data-testid=\"pair-encounters\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table).contains("Cardiology", "03/01/2025", "03/04/2025", "Emergency medicine", "04/10/2025", "In house");
        assertThat(table).contains(EncounterClass.INPATIENT.label(), EncounterClass.EMERGENCY.label());
    }

    @Test
    void theAnalystScansTheIndexFromTheWorklistAndSeesItsProgressAndCounts() {
        // Two registrations of one man, which the scan pairs whatever the size of the index (a test
        // database of a few patients alone: typical m and u; the shared one of thousands: EM).
        String family = TestPatients.uniqueName("Rescan");
        long[] ids = new long[2];
        accounts.runAs(Role.CLINICIAN, () -> {
            ids[0] = patients.register(new NewPatient(null, null, "Theodore", null, family, LocalDate.of(1939, 8, 17), AdministrativeSex.M,
                    "601-23-4455", new Address("31 Quarry Ln", "Galesburg", "IL", "61401"), "309-555-0190", null)).id();
            ids[1] = patients.register(new NewPatient(null, null, "Ted", null, family, LocalDate.of(1939, 8, 17), AdministrativeSex.M,
                    null, new Address("31 Quarry Ln", "Galesburg", "IL", "61401"), "309-555-0190", null)).id();
        });
        WebSession analyst = new WebSession(api.baseUrl());
        String username = accounts.of(Role.DATA_INTEGRITY_ANALYST);
        analyst.login(username, StaffAccounts.PASSWORD);
        assertThat(rows(analyst.get("/mpi/worklist?q=" + family).body())).isEmpty();
        String before = analyst.get("/mpi/worklist").body();
        assertThat(before).contains("data-testid=\"scan-button\"", "data-testid=\"scan-schedule\"");

        WebSession.Page started = analyst.post("/mpi/scan");
        assertThat(started.redirectPath()).isEqualTo("/mpi/worklist");
        // The scan runs in the background: the page shows it running (with its phase), then its counts.
        Pattern last = Pattern.compile("data-testid=\"scan-last\">\\s*(\\S[^<]*)started by <span class=\"mono\">" + Pattern.quote(username)
                + "</span>\\s*\\(on demand\\):\\s*<span data-testid=\"scan-registrations\">([0-9,]+)</span> registrations,\\s*([0-9,]+) candidate pairs compared,"
                + "\\s*<span data-testid=\"scan-proposed\">([0-9,]+)</span> pairs proposed");
        Matcher done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            String body = analyst.get("/mpi/worklist").body();
            Matcher m = last.matcher(body);
            return !body.contains("data-testid=\"scan-running\"") && m.find() ? m : null;
        }, java.util.Objects::nonNull);
        assertThat(Long.parseLong(done.group(2).replace(",", ""))).isGreaterThanOrEqualTo(2);
        assertThat(Long.parseLong(done.group(4).replace(",", ""))).isGreaterThanOrEqualTo(1);
        // The two registrations are a pair on the worklist (the shared database may pair them with other tests' look-alikes too).
        List<Long> pair = jdbc.sql("select id from mpi_pair where patient_a = ? and patient_b = ? and status = 'OPEN'")
                .params(Math.min(ids[0], ids[1]), Math.max(ids[0], ids[1])).query(Long.class).list();
        assertThat(pair).hasSize(1);
        assertThat(rows(analyst.get("/mpi/worklist?q=" + family).body())).contains(pair.get(0));
        // The scan is the analyst's tool: a coder may not start one.
        WebSession coder = new WebSession(api.baseUrl());
        coder.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        coder.get("/");
        assertThat(coder.post("/mpi/scan").status()).isEqualTo(403);
    }

    private static List<Long> rows(String html) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }
}
