package org.custodian.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.custodian.cdi.CdiFixtures;
import org.custodian.cdi.CdiQueries;
import org.custodian.completion.InboxSource;
import org.custodian.privacy.Role;
import org.custodian.staff.ProviderDirectory;
import org.custodian.support.CustodianTest;
import org.custodian.support.StaffAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** An unanswered query is followed up after a day, escalated to the physician advisor after two, closed as no response after seven. */
@CustodianTest
class CdiEscalationIT {

    @Autowired ApplicationContext context;
    @Autowired StaffAccounts accounts;
    @Autowired CdiEscalation escalation;
    @Autowired CdiQueries queries;
    @Autowired ProviderDirectory directory;
    @Autowired List<InboxSource> inboxes;
    @Autowired CdiAccessReasons reasons;

    @Test
    void anUnansweredQueryIsFollowedUpThenEscalatedThenClosedWithoutResponse() {
        Instant admit = CdiFixtures.daysAgo(2);
        long[] id = new long[1];
        accounts.runAs(Role.HIM_DIRECTOR, () -> {
            CdiFixtures.StayRef stay = CdiFixtures.of(context).stay("Escalated", admit, null, List.of("J18.9"),
                    List.of(new CdiFixtures.Lab("2524-7", "Lactate", "3.0", "mmol/L", admit.plusSeconds(600))));
            long observation = queries.candidates(stay.encounterId()).get(0).resourceId();
            CdiQueries.Template t = TemplateLibrary.find("sepsis").orElseThrow();
            id[0] = queries.create(new CdiQueries.NewQuery(stay.encounterId(), "sepsis", t.format(), null, t.question(), t.options(),
                    List.of(new CdiQueries.IndicatorRef("Observation", observation)), null, List.of("sepsis"))).id();
        });
        // The queried physician and the specialist who asked may open the chart while the query is open (45 CFR 164.308(a)(1)(ii)(D)).
        var open = reasons.reasons(Instant.now().minusSeconds(3600), Instant.now().plusSeconds(3600));
        assertThat(open).anySatisfy(r -> {
            assertThat(r.username()).isEqualTo(accounts.of(Role.CLINICIAN));
            assertThat(r.detail()).isEqualTo("query " + id[0]);
        });
        assertThat(open).anySatisfy(r -> {
            assertThat(r.username()).isEqualTo(accounts.of(Role.HIM_DIRECTOR));
            assertThat(r.detail()).isEqualTo("query " + id[0]);
        });
        long advisor = directory.resolveNames(List.of("Dr. Advisor " + id[0])).values().iterator().next();
        Instant now = Instant.now();

        escalation.run(now.plus(Duration.ofHours(25)), advisor);
        CdiQueries.Query q = load(id[0]);
        assertThat(q.followedUpAt()).isNotNull();
        assertThat(q.escalatedTo()).isNull();

        escalation.run(now.plus(Duration.ofHours(49)), advisor);
        assertThat(load(id[0]).escalatedTo()).isEqualTo(advisor);
        assertThat(inboxes.stream().flatMap(s -> s.itemsFor(advisor).stream()))
                .anySatisfy(i -> assertThat(i.title()).contains("escalated to you").isNotNull());

        escalation.run(now.plus(Duration.ofDays(8)), advisor);
        q = load(id[0]);
        assertThat(q.status()).isEqualTo("CLOSED");
        assertThat(q.outcome()).isEqualTo(CdiQueries.Outcome.NO_RESPONSE);
    }

    private CdiQueries.Query load(long id) {
        CdiQueries.Query[] q = new CdiQueries.Query[1];
        accounts.runAs(Role.CDI_SPECIALIST, () -> q[0] = queries.query(id));
        return q[0];
    }
}
