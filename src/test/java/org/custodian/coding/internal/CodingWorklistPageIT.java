package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.EncounterClass;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The coding worklist page names each stay by visit number, patient name and MRN (not database
 * ids), and one view of it is audited as a list, not with an event per row.
 */
@CustodianTest
class CodingWorklistPageIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired JdbcClient jdbc;

    @Test
    void rowsShowVisitNumberNameAndMrnAndAViewWritesOneListEventNotOnePerRow() {
        // A discharge day no other test's encounter has: the page shows at most 100 rows, and the shared
        // database holds other tests' discharges (bulk loads, the demo hospital, Synthea imports).
        LocalDate discharge;
        do {
            discharge = LocalDate.of(1901, 1, 1).plusDays(java.util.concurrent.ThreadLocalRandom.current().nextInt(30_000));
        } while (jdbc.sql("select exists (select 1 from coding_worklist where discharge_at >= ? and discharge_at < ?)")
                .params(discharge.minusDays(1).atStartOfDay().atOffset(java.time.ZoneOffset.UTC),
                        discharge.plusDays(2).atStartOfDay().atOffset(java.time.ZoneOffset.UTC))
                .query(Boolean.class).single());
        List<CodingFixtures.Stay> stays = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stays.add(CodingFixtures.stay(accounts, patients, charts, discharge.minusYears(30 + i), AdministrativeSex.F,
                    discharge, EncounterClass.OUTPATIENT));
        }
        String coder = accounts.of(Role.CODER);
        WebSession web = new WebSession(api.baseUrl());
        web.login(coder, StaffAccounts.PASSWORD);

        long before = jdbc.sql("select coalesce(max(seq), 0) from audit_event").query(Long.class).single();
        String page = web.get("/coding?from=" + discharge + "&to=" + discharge).body();
        long events = jdbc.sql("select count(*) from audit_event where seq > ? and username = ?")
                .params(before, coder).query(Long.class).single();
        assertThat(events).as("audit events of one worklist view with %d or more rows", stays.size()).isLessThanOrEqualTo(2);

        for (CodingFixtures.Stay s : stays) {
            Patient p = patients.find(s.patientId()).orElseThrow();
            String visit = jdbc.sql("select encounter_number from encounter where id = ?").param(s.encounterId()).query(String.class).single();
            assertThat(page).contains(p.displayName(), "MRN " + p.mrn(), ">" + visit + "<");
        }
        assertThat(page).contains("Outpatient").doesNotContain(">OUTPATIENT<");
        // An unreadable date is said so, not silently ignored.
        assertThat(web.get("/coding?from=31/31/2025").body()).contains("Not filtered", "31/31/2025");
        WebSession director = new WebSession(api.baseUrl());
        director.login(accounts.of(Role.HIM_DIRECTOR), StaffAccounts.PASSWORD);
        assertThat(director.get("/coding/dnfb?to=someday").body()).contains("Not filtered", "someday");
    }
}
