package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.custodian.support.WebSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The interface's list of received messages and the reprocessing of a failed one, on the API and the page. */
@CustodianTest
class InterfaceMessagesIT {

    @Autowired
    AdtReceiver receiver;
    @Autowired
    Api api;
    @Autowired
    StaffAccounts accounts;

    @Test
    void aFailedDischargeIsReprocessedOnceThePatientIsAdmitted() {
        String mrn = AdtSamples.unique("M");
        String visit = AdtSamples.unique("V");
        AdtReceiver.Outcome failed = receiver.receive(AdtSamples.rewrite(AdtSamples.read("ADT-A03-01.hl7"),
                AdtSamples.unique("C"), mrn, visit, null));
        assertThat(failed.status()).isEqualTo("FAILED");
        String user = accounts.of(Role.INTERFACE_ENGINE);

        Api.Response list = api.as(user, "GET", "/api/interface/messages?status=FAILED&size=500", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("\"id\":" + failed.messageId()).contains("PID-3: no patient with this MRN");

        // The admission arrives late; then the failed discharge is reprocessed.
        assertThat(receiver.receive(AdtSamples.rewrite(AdtSamples.read("ADT-A01-01.hl7"), AdtSamples.unique("C"), mrn,
                visit, null)).ackCode()).isEqualTo("AA");
        Api.Response again = api.as(user, "POST", "/api/interface/messages/" + failed.messageId() + "/reprocess", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asString()).isEqualTo("PROCESSED");
        assertThat(again.json().get("attempts").asInt()).isEqualTo(2);

        // Only a FAILED message can be reprocessed: a second time is a conflict, as a problem detail.
        Api.Response twice = api.as(user, "POST", "/api/interface/messages/" + failed.messageId() + "/reprocess", null);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body()).contains("only a FAILED message");
        assertThat(api.as(user, "GET", "/api/interface/messages?status=BOGUS", null).status()).isEqualTo(400);
    }

    @Test
    void thePageListsMessagesAndReprocesses() {
        long id = FailedMessages.fixable(context);
        WebSession web = new WebSession(api.baseUrl());
        web.login(accounts.of(Role.HIM_DIRECTOR), StaffAccounts.PASSWORD);
        WebSession.Page page = web.get("/interface/messages?status=FAILED");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("HL7 v2 interface").contains("reprocess-" + id);
        WebSession.Page after = web.post("/interface/messages/" + id + "/reprocess");
        assertThat(after.status()).isEqualTo(302);
        assertThat(web.get("/interface/messages").body()).contains("Message " + id + " reprocessed: FAILED");
        WebSession coder = new WebSession(api.baseUrl());
        coder.login(accounts.of(Role.CODER), StaffAccounts.PASSWORD);
        assertThat(coder.get("/interface/messages").status()).isEqualTo(403);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;
}
