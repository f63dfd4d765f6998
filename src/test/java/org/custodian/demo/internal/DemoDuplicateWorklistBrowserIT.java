package org.custodian.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.custodian.Actor;
import org.custodian.demo.DemoHospital;
import org.custodian.demo.DuplicateRegistration;
import org.custodian.mpi.DuplicateScan;
import org.custodian.patient.PatientRegistry;
import org.custodian.privacy.Permission;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.custodian.support.Browser;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo hospital's duplicate worklist at first start (issue 19): the demo's registrations (the
 * default demo, 1,000 people and their 60 planted duplicates, in a facility of its own) are scanned
 * once by the demo's own step, as the scan's system actor; the data-integrity analyst then finds every
 * planted duplicate pair on the worklist, found by the matcher (not copied from the generator's
 * truth), and the worklist has a second page that opens. The shared database holds thousands of other
 * pairs: the planted pairs are found by their patients' ids and MRNs, never by position.
 */
@CustodianTest
@Tag("browser")
class DemoDuplicateWorklistBrowserIT {

    @Autowired PatientRegistry patients;
    @Autowired DemoDuplicateScan demoScan;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired Clock clock;

    @RegisterExtension final Browser browser = Browser.eachTest();

    @Test
    void theDemosPlantedDuplicatesAreOnTheWorklistAndItHasAPageTwo() {
        String facility = "W" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        DemoSettings defaults = new DemoSettings(null, null, null);
        DemoHospital hospital = DemoHospital.generate(defaults.seed(), defaults.patients(), facility, clock);
        assertThat(hospital.duplicates()).as("planted duplicates: more than a page of 50").hasSizeGreaterThan(50);
        List<Long> ids = SystemAccess.call(Actor.SYSTEM, EnumSet.of(Permission.CHART_WRITE), () -> {
            List<Long> out = new ArrayList<>();
            for (int from = 0; from < hospital.registrations().size(); from += DemoLoader.BATCH) {
                out.addAll(patients.registerAll(hospital.registrations().subList(from,
                        Math.min(hospital.registrations().size(), from + DemoLoader.BATCH))));
            }
            return out;
        });

        DuplicateScan.Run run = demoScan.scan(ids);

        assertThat(run).isNotNull();
        assertThat(run.status()).isEqualTo("DONE");
        assertThat(run.trigger()).isEqualTo(DuplicateScan.Trigger.DEMO);
        assertThat(run.startedBy()).isEqualTo(DuplicateScan.SYSTEM_ACTOR);
        assertThat(run.registrations()).isEqualTo(hospital.registrations().size());
        List<Long> planted = new ArrayList<>();
        for (DuplicateRegistration d : hospital.duplicates()) {
            long a = ids.get(d.original());
            long b = ids.get(d.registration());
            List<Long> pair = jdbc.sql("select id from mpi_pair where patient_a = ? and patient_b = ? and status = 'OPEN'")
                    .params(Math.min(a, b), Math.max(a, b)).query(Long.class).list();
            assertThat(pair).as("planted duplicate %s of %s (%s) on the worklist", d.mrn(), d.originalMrn(), d.discrepancies())
                    .hasSize(1);
            planted.add(pair.get(0));
        }
        // The matcher proposed hardly anyone else among the demo's people.
        long proposed = jdbc.sql("select count(*) from mpi_pair where patient_a = any(?) and patient_b = any(?)")
                .params(ids.toArray(Long[]::new), ids.toArray(Long[]::new)).query(Long.class).single();
        assertThat(proposed).isLessThanOrEqualTo(planted.size() + planted.size() / 10);

        // The data-integrity analyst, who works the worklist, in a browser.
        browser.signIn(accounts.of(Role.DATA_INTEGRITY_ANALYST));
        browser.nav("Duplicates");
        browser.until(ExpectedConditions.titleContains("Duplicate worklist"));
        for (int k = 0; k < 3; k++) {
            DuplicateRegistration d = hospital.duplicates().get(k * 17);
            browser.open("/mpi/worklist?q=" + d.mrn());
            browser.until(ExpectedConditions.titleContains("Duplicate worklist"));
            String row = browser.find(By.cssSelector("tr[data-pair='" + planted.get(k * 17) + "']")).getText();
            assertThat(row).contains(d.mrn(), d.originalMrn());
        }

        // Page two exists and opens.
        browser.open("/mpi/worklist");
        browser.until(ExpectedConditions.titleContains("Duplicate worklist"));
        assertThat(browser.find(By.cssSelector("[data-testid=pair-page]")).getText()).startsWith("Page 1 of");
        browser.clickAndAwaitNewPage(browser.find(By.cssSelector("[data-testid=pair-pager] a[data-page='2']")));
        assertThat(browser.find(By.cssSelector("[data-testid=pair-page]")).getText()).startsWith("Page 2 of");
        assertThat(browser.findAll(By.cssSelector("[data-testid=mpi-pairs] tbody tr"))).isNotEmpty();
        assertThat(browser.cspViolations()).isEmpty();
    }
}
