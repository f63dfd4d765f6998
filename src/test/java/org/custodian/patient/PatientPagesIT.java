package org.custodian.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.TestPatients;
import org.custodian.support.WebSession;
import org.custodian.support.WebSession.Page;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The patient search page and its htmx fragment. */
@CustodianTest
class PatientPagesIT {

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;

    private WebSession coder() {
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        return web;
    }

    @Test
    void searchFindsAPatientByPartOfTheNameIgnoringCaseAndAccentsAndByMrnAndDob() {
        String family = TestPatients.uniqueName("Ñuñez");
        Patient p = patients.register(TestPatients.newPatient("Renée", family, LocalDate.of(1971, 4, 2)));
        WebSession web = coder();

        String partial = family.substring(0, 8).toUpperCase().replace('Ñ', 'N').replace('Ú', 'U');
        Page byName = web.get("/patients?q=" + partial);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.body()).contains(family + ", Renée", "href=\"/patients/" + p.id() + "\"", p.mrn(), "04/02/1971", "Springfield");

        Page byMrn = web.get("/patients?mrn=" + p.mrn());
        assertThat(byMrn.body()).contains(family).contains("<strong>1</strong> patient found");

        Page byDobAndName = web.get("/patients?q=" + enc("renee " + family.substring(2)) + "&dob=1971-04-02");
        assertThat(byDobAndName.body()).contains(family);
        Page wrongDob = web.get("/patients?q=" + enc(family.substring(2)) + "&dob=1971-04-03");
        assertThat(wrongDob.body()).doesNotContain(family).contains("No patient matches");
        Page usDate = web.get("/patients?q=" + enc(family.substring(2)) + "&dob=04%2F02%2F1971");
        assertThat(usDate.body()).contains(family);
    }

    @Test
    void theFragmentEndpointAnswersWithTheResultsTableOnlyAndMovesTheAddressBar() {
        String family = TestPatients.uniqueName("Frag");
        patients.register(TestPatients.newPatient("Ada", family, LocalDate.of(1980, 1, 1)));
        WebSession web = coder();
        web.get("/patients");
        Page fragment = web.htmx("/patients/results?q=" + family);
        assertThat(fragment.status()).isEqualTo(200);
        assertThat(fragment.body()).contains(family, "<table").doesNotContain("<html", "<header", "<nav class=\"mainnav\"");
        assertThat(fragment.headers().firstValue("HX-Replace-Url")).contains("/patients?q=" + family);

        Page page = web.get("/patients");
        assertThat(page.body()).contains("hx-get=\"/patients/results\"", "hx-trigger=\"input changed delay:300ms, search\"",
                "hx-target=\"#results\"", "action=\"/patients\"", "/webjars/htmx.org/dist/htmx.min.js");
        assertThat(api.get("/webjars/htmx.org/dist/htmx.min.js").status()).isEqualTo(200);
    }

    @Test
    void resultsArePaged() {
        String family = TestPatients.uniqueName("Page");
        for (int i = 0; i < 27; i++) {
            patients.register(TestPatients.newPatient("Kid" + (char) ('a' + i % 26) + "x", family, LocalDate.of(2000, 1, 1).plusDays(i)));
        }
        WebSession web = coder();
        Page first = web.get("/patients?q=" + family);
        assertThat(first.body()).contains("<strong>27</strong> patients found", "showing 1–25", "Page 1 of 2",
                "href=\"/patients?q=" + family + "&amp;page=2\"");
        Page second = web.get("/patients?q=" + family + "&page=2");
        assertThat(second.body()).contains("showing 26–27", "Page 2 of 2", "rel=\"prev\"");
        assertThat(countRows(second.body())).isEqualTo(2);
    }

    @Test
    void badInputIsNamedOnThePageAndNeverAServerError() {
        WebSession web = coder();
        String[] bad = {
                "/patients?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "/patients?q=x%27%20OR%201%3D1--",
                "/patients?q=" + "a".repeat(65),
                "/patients?mrn=DROP%20TABLE",
                "/patients?dob=1999-13-45",
                "/patients?dob=yesterday",
                "/patients?q=smith&page=0",
                "/patients?q=smith&page=abc",
                "/patients?q=smith&page=99999999999",
                "/patients/results?q=%25%25%25",
        };
        for (String path : bad) {
            Page page = path.contains("/results") ? web.htmx(path) : web.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).contains("role=\"alert\"").doesNotContain("<script>alert", "Exception", "SQL");
        }
        assertThat(web.get("/patients?q=%3Cscript%3E").body()).contains("Name: use letters, spaces and . , ' - only.")
                .contains("value=\"&lt;script>\"");
        assertThat(web.get("/patients?dob=1999-13-45").body()).contains("Date of birth: not a valid date");
        assertThat(web.get("/patients?q=a").body()).contains("Type at least two letters");
        assertThat(web.get("/patients").body()).contains("Enter part of a name");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int countRows(String html) {
        int body = html.indexOf("<tbody>");
        return body < 0 ? 0 : html.substring(body).split("<tr>", -1).length - 1;
    }
}
