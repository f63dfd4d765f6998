package org.custodian.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ChartService;
import org.custodian.chart.DocumentStatus;
import org.custodian.privacy.Role;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The CDI API end to end: a stay with a lactate of 4.1 and pneumonia is on the worklist for the
 * sepsis rule; a query without indicators and with payment talk is refused (422, each rule named); a
 * compliant sepsis query reaches the physician's inbox; the physician's answer becomes a signed
 * addendum, the diagnosis is documented and the working MS-DRG moves (AHIMA/ACDIS 2022).
 */
@CustodianTest
class CdiApiIT {

    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired StaffAccounts accounts;
    @Autowired Api api;
    @Autowired ChartService charts;

    static List<CdiFixtures.Lab> sepsisLabs(Instant admit) {
        return List.of(new CdiFixtures.Lab("2524-7", "Lactate", "4.1", "mmol/L", admit.plusSeconds(3600)),
                new CdiFixtures.Lab("8867-4", "Heart rate", "118", "/min", admit.plusSeconds(3700)),
                new CdiFixtures.Lab("2951-2", "Sodium", "131", "mmol/L", admit.plusSeconds(3800)));
    }

    @Test
    void aSepsisQueryIsRefusedUntilCompliantThenAnsweredAsASignedAddendumAndTheDrgMoves() {
        Instant discharge = CdiFixtures.recentDischarge();
        Instant admit = CdiFixtures.daysAgo(7);
        CdiFixtures.StayRef stay = CdiFixtures.of(context).stay("Sepsis", admit, discharge, List.of("J18.9"), sepsisLabs(admit));
        String cdi = accounts.of(Role.CDI_SPECIALIST);
        String doctor = accounts.of(Role.CLINICIAN);

        Api.Response list = api.as(cdi, "GET", "/api/cdi/worklist?find=" + stay.patient().mrn(), null);
        assertThat(list.status()).isEqualTo(200);
        JsonNode item = list.json().path("items").get(0);
        assertThat(item.path("encounterId").asLong()).isEqualTo(stay.encounterId());
        assertThat(item.path("mrn").asString()).isEqualTo(stay.patient().mrn());
        List<String> rules = new ArrayList<>();
        item.path("reasons").forEach(r -> rules.add(r.path("ruleId").asString()));
        assertThat(rules).contains("sepsis", "hyponatremia", "unspecified-principal", "mcc-split");
        assertThat(item.path("workingDrg").asString()).isEqualTo("195");
        // Discharged a few days ago: FY2027 has no grouper loaded yet (v44), so the working DRG is provisional, v43's.
        boolean provisional = !CdiFixtures.recentDischarge().atZone(org.custodian.support.HospitalToday.zone()).toLocalDate()
                .isBefore(context.getBean(org.custodian.reimbursement.Grouper.class).coveredUntil());
        assertThat(item.path("provisional").asBoolean()).isEqualTo(provisional);
        assertThat(item.path("grouperVersion").asString()).startsWith("43");
        if (provisional) {
            assertThat(item.path("drgMessage").asString()).contains("Provisional", "Final coding and the claim need");
        }

        long lactate = observationId(cdi, stay, "2524-7");
        long heartRate = observationId(cdi, stay, "8867-4");

        Api.Response refused = api.as(cdi, "POST", "/api/cdi/queries", """
                {"encounterId":%d,"template":"sepsis","question":"Sepsis improves the DRG payment; please document it.",
                 "options":[{"text":"Sepsis","kind":"DIAGNOSIS","code":"A41.9"}],"indicators":[]}""".formatted(stay.encounterId()));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("type").asString()).isEqualTo("/problems/cdi-query-not-compliant");
        List<String> violated = new ArrayList<>();
        refused.json().path("violations").forEach(v -> violated.add(v.path("rule").asString()));
        assertThat(violated).contains("clinical-indicator-required", "multiple-choice-other", "multiple-choice-clinically-undetermined",
                "new-diagnosis-needs-indicators", "no-financial-impact", "no-leading-phrasing");

        Api.Response created = api.as(cdi, "POST", "/api/cdi/queries", """
                {"encounterId":%d,"template":"sepsis",
                 "question":"Based on your clinical judgement, can the clinical indicators below be further specified as:",
                 "options":[{"text":"Sepsis","kind":"DIAGNOSIS","code":"A41.9"},
                            {"text":"Localized infection without sepsis","kind":"NOT_SUPPORTED"},
                            {"text":"Other (please specify)","kind":"OTHER"},{"text":"Clinically undetermined","kind":"UNDETERMINED"}],
                 "indicators":[{"source":"Observation","id":%d},{"source":"Observation","id":%d}],"ruleIds":["sepsis"]}"""
                .formatted(stay.encounterId(), lactate, heartRate));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        assertThat(created.json().path("timing").asString()).isEqualTo("RETROSPECTIVE");
        assertThat(created.json().path("indicators").get(0).path("value").asString()).isEqualTo("4.1");
        assertThat(created.body()).as("never a DRG or payment on the query").doesNotContain("drg", "payment", "weight");

        Api.Response inbox = api.as(doctor, "GET", "/api/completion/inbox", null);
        assertThat(inbox.body()).contains("/cdi/queries/" + id, stay.patient().mrn());

        assertThat(api.as(cdi, "POST", "/api/cdi/queries/" + id + "/answer", "{\"option\":0}").status())
                .as("only the physician answers").isEqualTo(403);
        Api.Response answered = api.as(doctor, "POST", "/api/cdi/queries/" + id + "/answer", "{\"option\":0}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("outcome").asString()).isEqualTo("AGREED");
        long addendum = answered.json().path("addendumId").asLong();
        var doc = charts.document(addendum);
        assertThat(doc.status()).isEqualTo(DocumentStatus.SIGNED);
        assertThat(doc.encounterId()).isEqualTo(stay.encounterId());
        assertThat(api.as(doctor, "POST", "/api/cdi/queries/" + id + "/answer", "{\"option\":0}").status()).isEqualTo(409);

        JsonNode impact = api.as(cdi, "GET", "/api/cdi/queries/" + id + "/impact", null).json();
        assertThat(impact.path("drgBefore").asString()).isEqualTo("195");
        assertThat(impact.path("drgAfter").asString()).isNotEqualTo("195");
        assertThat(impact.path("ccMccCaptured").asBoolean()).isTrue();
        assertThat(impact.path("provisionalBefore").asBoolean()).isEqualTo(provisional);
        assertThat(impact.path("provisionalAfter").asBoolean()).isEqualTo(provisional);
        assertThat(impact.path("grouperVersionAfter").asString()).startsWith("43");
        assertThat(api.as(doctor, "GET", "/api/cdi/queries/" + id + "/impact", null).status()).isEqualTo(403);

        JsonNode after = api.as(cdi, "GET", "/api/cdi/worklist?reasonsOnly=false&find=" + stay.patient().mrn(), null).json();
        List<String> still = new ArrayList<>();
        after.path("items").get(0).path("reasons").forEach(r -> still.add(r.path("ruleId").asString()));
        assertThat(still).doesNotContain("sepsis");

        JsonNode measures = api.as(cdi, "GET", "/api/cdi/measures", null).json();
        assertThat(measures.path("total").path("answered").asLong()).isPositive();
        assertThat(measures.path("formulas").path("agreementRate").asString()).contains("÷");
    }

    private long observationId(String user, CdiFixtures.StayRef stay, String loinc) {
        JsonNode page = api.as(user, "GET", "/api/cdi/cases/" + stay.encounterId() + "/indicators", null).json();
        for (JsonNode n : page) {
            if (loinc.equals(n.path("loinc").asString())) {
                return n.path("resourceId").asLong();
            }
        }
        throw new AssertionError("no " + loinc + " in " + page);
    }
}
