package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.custodian.audit.AuditLog;
import org.custodian.audit.AuditQuery;
import org.custodian.audit.AuditRecord;
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
import tools.jackson.databind.JsonNode;

/**
 * A final abstract can be reopened for a correction or a rebill: only with the coding permission,
 * only with a reason, which the audit log keeps; it goes back on the worklist in progress, with its
 * codes, and is finalized again through the same edits.
 */
@CustodianTest
class AbstractReopenIT {

    static final String CLEAN = """
            {"principalDiagnosis":{"code":"J18.9","poa":"Y"},"secondaryDiagnoses":[{"code":"I10","poa":"Y"}],
             "dischargeDisposition":"01","admitSource":"1"}""";

    @Autowired Api api;
    @Autowired StaffAccounts accounts;
    @Autowired PatientRegistry patients;
    @Autowired ChartService charts;
    @Autowired AuditLog auditLog;

    private long finalizedStay(String coder, LocalDate discharge) {
        CodingFixtures.Stay stay = CodingFixtures.stay(accounts, patients, charts, LocalDate.of(1949, 6, 6), AdministrativeSex.F,
                discharge, EncounterClass.INPATIENT);
        assertThat(api.as(coder, "PUT", "/api/coding/encounters/" + stay.encounterId() + "/abstract", CLEAN).status()).isEqualTo(200);
        assertThat(api.as(coder, "POST", "/api/coding/encounters/" + stay.encounterId() + "/abstract/finalize", null).status()).isEqualTo(200);
        return stay.encounterId();
    }

    private boolean onWorklist(String coder, long encounterId, LocalDate discharge) {
        JsonNode list = api.as(coder, "GET", "/api/coding/worklist?limit=500&dischargedFrom=" + discharge + "&dischargedTo=" + discharge, null).json();
        for (JsonNode n : list) {
            if (n.get("encounterId").asLong() == encounterId) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aFinalAbstractIsReopenedWithAReasonByACoderAuditedAndBackOnTheWorklist() {
        String coder = accounts.of(Role.CODER);
        LocalDate discharge = LocalDate.of(2025, 10, 21);
        long id = finalizedStay(coder, discharge);
        assertThat(onWorklist(coder, id, discharge)).isFalse();
        String path = "/api/coding/encounters/" + id + "/abstract/reopen";

        // No reason: refused, and nothing changes.
        Api.Response blank = api.as(coder, "POST", path, "{\"reason\":\"  \"}");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("reason");
        // Without the coding permission (a CDI specialist reads coding, does not code): refused.
        assertThat(api.as(accounts.of(Role.CDI_SPECIALIST), "POST", path, "{\"reason\":\"Late pathology\"}").status()).isEqualTo(403);
        assertThat(api.as(coder, "GET", "/api/coding/encounters/" + id + "/abstract", null).json().get("status").asString())
                .isEqualTo("FINAL");

        Api.Response reopened = api.as(coder, "POST", path, "{\"reason\":\"Payer denial: correct the secondary diagnosis\"}");
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(reopened.json().get("principalDiagnosis").get("code").asString()).isEqualTo("J18.9");
        assertThat(onWorklist(coder, id, discharge)).isTrue();
        assertThat(auditLog.find(new AuditQuery(reopened.json().get("patientId").asLong(), coder, null, null, 0, 100)))
                .filteredOn(e -> "CodedAbstract".equals(e.resourceType()) && Long.toString(id).equals(e.resourceId()))
                .extracting(AuditRecord::detail)
                .contains("reopened after final coding; reason: Payer denial: correct the secondary diagnosis");

        // Not final any more: a second reopen is a conflict; finalizing again takes it off the worklist.
        assertThat(api.as(coder, "POST", path, "{\"reason\":\"again\"}").status()).isEqualTo(409);
        assertThat(api.as(coder, "POST", "/api/coding/encounters/" + id + "/abstract/finalize", null).status()).isEqualTo(200);
        assertThat(onWorklist(coder, id, discharge)).isFalse();
    }

    @Test
    void theAbstractPageOffersReopenOnAFinalAbstractAndAsksForTheReason() {
        String coder = accounts.of(Role.CODER);
        long id = finalizedStay(coder, LocalDate.of(2025, 10, 22));
        WebSession web = new WebSession(api.baseUrl());
        web.login(coder, StaffAccounts.PASSWORD);
        assertThat(web.get("/coding/encounters/" + id).body()).contains("data-testid=\"reopen-form\"");

        WebSession.Page refused = web.post("/coding/encounters/" + id + "/reopen", "reason", "");
        assertThat(refused.status()).isEqualTo(302);
        assertThat(web.get(refused.redirectPath()).body()).contains("Not reopened: say why the abstract is reopened")
                .contains("data-testid=\"reopen-form\"");

        WebSession.Page done = web.post("/coding/encounters/" + id + "/reopen", "reason", "Late pathology report");
        String page = web.get(done.redirectPath()).body();
        assertThat(page).contains("reopened and back on the worklist", "data-testid=\"save\"").doesNotContain("data-testid=\"reopen-form\"");
    }
}
