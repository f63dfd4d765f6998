package org.custodian.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.custodian.HospitalClock;
import org.custodian.cdi.CdiHistory;
import org.custodian.cdi.CdiQueries;
import org.custodian.chart.RecordFacts;
import org.custodian.demo.DemoHospital;
import org.custodian.privacy.Role;
import org.custodian.privacy.SystemAccess;
import org.custodian.staff.Practitioner;
import org.custodian.staff.ProviderDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The CDI department's past weeks, so that the dashboard's CDI tiles (query, response, agreement and
 * CC/MCC capture rates) have figures at first start: the demo CDI specialist reviewed the stays of
 * {@link DemoCdi#PAST} and queried most of them during the stay; the demo physician answered them
 * (agreed, disagreed, clinically undetermined), left one unanswered until it was escalated to the
 * physician advisor, and has one query sent today still pending. All of it through the cdi module's
 * public API ({@link CdiHistory}), as the demo's CDI specialist and physician, audited as their work.
 */
@Component
class DemoCdiActivity {

    private static final Logger log = LoggerFactory.getLogger(DemoCdiActivity.class);

    /** What was recorded. */
    record Recorded(int reviews, int queries, int answered, int escalated, int pending) {
    }

    private final CdiHistory history;
    private final CdiQueries queries;
    private final ProviderDirectory providers;
    private final HospitalClock clock;

    DemoCdiActivity(CdiHistory history, CdiQueries queries, ProviderDirectory providers, HospitalClock clock) {
        this.history = history;
        this.queries = queries;
        this.providers = providers;
        this.clock = clock;
    }

    /** Records the activity, queries addressed to (and answered by) {@code physician}'s practitioner; a failure is logged. */
    Recorded record(DemoHospital hospital, DemoLoader.Loaded loaded, String physician) {
        try {
            Practitioner doctor = SystemAccess.callAs(SystemAccess.authentication(DemoStaff.username(Role.CDI_SPECIALIST),
                    Role.CDI_SPECIALIST), () -> providers.byUsername(physician)).orElse(null);
            if (doctor == null) {
                log.warn("Demo CDI activity not recorded: {} is not in the provider directory", physician);
                return new Recorded(0, 0, 0, 0, 0);
            }
            Recorded r = recordAll(hospital, loaded.encounterIds(), doctor.id(),
                    SystemAccess.authentication(DemoStaff.username(Role.CDI_SPECIALIST), Role.CDI_SPECIALIST),
                    SystemAccess.authentication(physician, Role.CLINICIAN));
            log.info("Demo CDI activity: {} stays reviewed, {} queries ({} answered, {} escalated, {} pending)", r.reviews(),
                    r.queries(), r.answered(), r.escalated(), r.pending());
            return r;
        } catch (RuntimeException e) {
            log.warn("Demo CDI activity not recorded: {}", e.toString());
            return new Recorded(0, 0, 0, 0, 0);
        }
    }

    private Recorded recordAll(DemoHospital hospital, List<Long> encounterIds, long doctor, Authentication cdi, Authentication physician) {
        int reviews = 0;
        int sent = 0;
        int answered = 0;
        int escalated = 0;
        int pending = 0;
        int[] past = DemoCdi.pastVisits(hospital);
        for (int k = 0; k < past.length; k++) {
            if (past[k] < 0) {
                continue;
            }
            long encounter = encounterIds.get(past[k]);
            Instant admit = hospital.visits().get(past[k]).encounter().admitAt();
            Instant at = k < DemoCdi.PAST.size() ? DemoCdi.sentAt(hospital, k, past[k]) : admit.plus(DemoCdi.SENT_AFTER_ADMISSION);
            SystemAccess.callAs(cdi, () -> {
                history.reviewed(encounter, at.minus(Duration.ofHours(1)));
                return null;
            });
            reviews++;
            if (k >= DemoCdi.PAST.size()) {
                continue; // reviewed, nothing to ask
            }
            DemoCdi.Past p = DemoCdi.PAST.get(k);
            CdiQueries.Query q = SystemAccess.callAs(cdi, () -> history.sent(query(encounter, p.template(), p.rule(), doctor,
                    p.labs().stream().map(DemoCdi.Lab::loinc).toList()), at));
            sent++;
            if (p.option() >= 0) {
                Instant answer = at.plus(Duration.ofHours(5 + 3L * k));
                SystemAccess.callAs(physician, () -> history.answered(q.id(), new CdiQueries.Answer(p.option(), p.text()), answer));
                answered++;
            } else {
                SystemAccess.callAs(cdi, () -> history.escalated(q.id(), at.plus(Duration.ofHours(49))));
                escalated++;
            }
        }
        // Today's concurrent reviews of the in-house stays the rules flag, and a sepsis query sent this morning, pending.
        List<Integer> inHouse = DemoCdi.visits(hospital);
        Instant now = clock.instant();
        for (int k = 0; k < inHouse.size(); k++) {
            long encounter = encounterIds.get(inHouse.get(k));
            Instant at = now.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(10L * k));
            SystemAccess.callAs(cdi, () -> {
                history.reviewed(encounter, at);
                return null;
            });
            reviews++;
        }
        if (!inHouse.isEmpty()) {
            long encounter = encounterIds.get(inHouse.get(0));
            SystemAccess.callAs(cdi, () -> history.sent(query(encounter, "sepsis", "sepsis", doctor, List.of("2524-7", "8867-4", "8310-5")),
                    now.minus(Duration.ofHours(3))));
            sent++;
            pending++;
        }
        return new Recorded(reviews, sent, answered, escalated, pending);
    }

    /** A query of the template with this stay's Observations of these LOINC codes as its clinical indicators. */
    private CdiQueries.NewQuery query(long encounter, String templateId, String rule, long doctor, List<String> loinc) {
        CdiQueries.Template t = queries.templates().stream().filter(x -> x.id().equals(templateId)).findFirst().orElseThrow();
        Set<String> wanted = Set.copyOf(loinc);
        List<CdiQueries.IndicatorRef> indicators = queries.candidates(encounter).stream().filter(m -> wanted.contains(m.loinc()))
                .map(RecordFacts.Measurement::resourceId).map(id -> new CdiQueries.IndicatorRef("Observation", id)).toList();
        return new CdiQueries.NewQuery(encounter, t.id(), t.format(), t.yesNoPurpose(), t.question(), t.options(), indicators, doctor,
                rule == null ? List.of() : List.of(rule));
    }
}
