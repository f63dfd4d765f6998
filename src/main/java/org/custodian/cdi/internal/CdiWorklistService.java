package org.custodian.cdi.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.custodian.HospitalClock;
import org.custodian.Problem;
import org.custodian.cdi.CdiRule;
import org.custodian.cdi.CdiWorklist;
import org.custodian.cdi.Timing;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.RecordFacts;
import org.custodian.chart.RecordFacts.Measurement;
import org.custodian.chart.RecordFacts.Stay;
import org.custodian.coding.CaseMix;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSummary;
import org.custodian.reimbursement.DrgPricing;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * {@link CdiWorklist}: the candidate stays (in house, and discharged in the last
 * {@code custodian.cdi.retrospective-days} days (120) without a final abstract), their record read in a few
 * set-based statements (Observations by LOINC, coded findings, names), each grouped in memory and
 * judged by the rules. Names and MRNs are one audited search per call.
 */
@Service
class CdiWorklistService implements CdiWorklist {

    /** Labs drawn in the emergency department before the admission order still belong to the stay. */
    static final Duration BEFORE_ADMISSION = Duration.ofHours(24);

    private final RecordFacts facts;
    private final CaseMix caseMix;
    private final PatientRegistry patients;
    private final JdbcCdiRules rules;
    private final StayGrouping grouping;
    private final JdbcClient jdbc;
    private final HospitalClock clock;
    private final int retrospectiveDays;
    private final org.custodian.audit.AuditTrail audit;

    CdiWorklistService(RecordFacts facts, CaseMix caseMix, PatientRegistry patients, JdbcCdiRules rules, StayGrouping grouping,
                       JdbcClient jdbc, java.time.Clock clock, org.custodian.audit.AuditTrail audit, CdiSettings settings) {
        this.facts = facts;
        this.caseMix = caseMix;
        this.patients = patients;
        this.rules = rules;
        this.grouping = grouping;
        this.jdbc = jdbc;
        this.clock = HospitalClock.of(clock);
        this.retrospectiveDays = settings.retrospectiveDays();
        this.audit = audit;
    }

    @Override
    public Page worklist(Filter filter) {
        // A timing filter narrows the candidates before the rules run (in house: concurrent; discharged: retrospective).
        Timing only = filter.timing();
        List<Stay> stays = new ArrayList<>(only == null || only == Timing.CONCURRENT ? facts.inHouse() : List.of());
        List<Stay> discharged = only == null || only == Timing.RETROSPECTIVE
                ? facts.dischargedSince(clock.instant().minus(Duration.ofDays(retrospectiveDays))) : List.of();
        Set<Long> fin = caseMix.finalCoded(discharged.stream().map(Stay::encounterId).toList());
        discharged.stream().filter(s -> !fin.contains(s.encounterId())).forEach(stays::add);
        List<Item> all = evaluate(stays, fin, "the CDI review worklist");
        Map<String, Long> hits = new TreeMap<>();
        all.forEach(i -> i.reasons().forEach(r -> hits.merge(r.ruleId(), 1L, Long::sum)));
        String find = filter.find() == null ? "" : filter.find().trim().toLowerCase(Locale.ROOT);
        String service = filter.service() == null ? "" : filter.service().trim().toLowerCase(Locale.ROOT);
        List<Item> shown = all.stream()
                .filter(i -> !filter.reasonsOnly() || !i.reasons().isEmpty())
                .filter(i -> filter.timing() == null || i.timing() == filter.timing())
                .filter(i -> filter.ruleId() == null || filter.ruleId().isBlank()
                        || i.reasons().stream().anyMatch(r -> r.ruleId().equals(filter.ruleId())))
                .filter(i -> service.isEmpty() || (i.service() != null && i.service().toLowerCase(Locale.ROOT).contains(service)))
                .filter(i -> find.isEmpty() || matches(i, find))
                .sorted(Comparator.comparing((Item i) -> -i.reasons().size()).thenComparing(Item::admitAt)
                        .thenComparing(Item::encounterId))
                .toList();
        int from = Math.min(shown.size(), filter.page() * filter.size());
        int to = Math.min(shown.size(), from + filter.size());
        return new Page(shown.subList(from, to), shown.size(), filter.page(), filter.size(), hits, all.size());
    }

    private static boolean matches(Item i, String find) {
        return (i.mrn() != null && i.mrn().toLowerCase(Locale.ROOT).contains(find))
                || (i.patientName() != null && i.patientName().toLowerCase(Locale.ROOT).contains(find))
                || (i.visitNumber() != null && i.visitNumber().toLowerCase(Locale.ROOT).equals(find));
    }

    @Override
    public Item item(long encounterId) {
        List<Stay> stays = facts.stays(List.of(encounterId));
        if (stays.isEmpty()) {
            throw Problem.notFound("chart-record-not-found", "No such encounter", "No encounter has the id " + encounterId)
                    .with("record", "encounter");
        }
        Set<Long> fin = caseMix.finalCoded(List.of(encounterId));
        return evaluate(stays, fin, "a CDI review").get(0);
    }

    @Override
    public Item review(long encounterId) {
        Item i = item(encounterId);
        jdbc.sql("""
                insert into cdi_review (encounter_id, patient_id, reviewer, service, reviewed_at, timing) values (?, ?, ?, ?, ?, ?)""")
                .params(i.encounterId(), i.patientId(), JdbcCdiQueries.username(), i.service(),
                        org.custodian.Rows.utc(clock.instant()), i.timing().name()).update();
        audit.patient(org.custodian.audit.AuditAction.READ, i.patientId(), "CdiReview", encounterId);
        return i;
    }

    /** The timing of a review or query of this stay now. */
    static Timing timing(Stay s, Set<Long> finalCoded) {
        return s.dischargeAt() == null ? Timing.CONCURRENT : finalCoded.contains(s.encounterId()) ? Timing.POST_BILL : Timing.RETROSPECTIVE;
    }

    List<Item> evaluate(List<Stay> stays, Set<Long> finalCoded, String purpose) {
        if (stays.isEmpty()) {
            return List.of();
        }
        List<CdiRule> ruleList = rules.all();
        Set<Long> patientIds = stays.stream().map(Stay::patientId).collect(Collectors.toCollection(LinkedHashSet::new));
        List<Long> encounterIds = stays.stream().map(Stay::encounterId).toList();
        Map<Long, PatientSummary> names = patients.summaries(patientIds, purpose);
        Set<String> loinc = ruleList.stream().filter(CdiRule::active).flatMap(r -> r.loinc().stream()).collect(Collectors.toSet());
        Instant earliest = stays.stream().map(Stay::admitAt).min(Comparator.naturalOrder()).orElseThrow().minus(BEFORE_ADMISSION);
        Map<Long, List<Measurement>> byPatient = facts.measurements(patientIds, loinc, earliest).stream()
                .collect(Collectors.groupingBy(Measurement::patientId));
        Map<Long, List<CodedFinding>> byEncounter = facts.findings(encounterIds).stream()
                .collect(Collectors.groupingBy(CodedFinding::encounterId));
        Map<Long, Integer> open = openQueries(encounterIds);
        LocalDate today = clock.today();
        List<Item> out = new ArrayList<>(stays.size());
        for (Stay s : stays) {
            PatientSummary p = names.get(s.patientId());
            Instant from = s.admitAt().minus(BEFORE_ADMISSION);
            List<Measurement> m = byPatient.getOrDefault(s.patientId(), List.of()).stream()
                    .filter(x -> x.at() != null && !x.at().isBefore(from) && (s.dischargeAt() == null || !x.at().isAfter(s.dischargeAt())))
                    .toList();
            List<CodedFinding> f = byEncounter.getOrDefault(s.encounterId(), List.of());
            LocalDate admit = s.admitAt().atZone(clock.getZone()).toLocalDate();
            LocalDate discharge = s.dischargeAt() == null ? today : s.dischargeAt().atZone(clock.getZone()).toLocalDate();
            StayGrouping.Grouped g = grouping.group(f, admit, discharge, p == null ? null : p.birthDate(),
                    p == null || p.sex() == null ? "U" : p.sex().name(), s.dischargeDisposition() == null ? "01" : dispositionCode(s));
            List<String> all = f.stream().map(CodedFinding::code).toList();
            List<Reason> reasons = RuleEngine.evaluate(ruleList,
                    new RuleEngine.StayFacts(m, StayGrouping.diagnoses(f), all, g.forRules()));
            out.add(new Item(s.encounterId(), s.patientId(), p == null ? null : p.displayName(), p == null ? null : p.mrn(),
                    s.encounterNumber(), timing(s, finalCoded), s.service(), s.attending(), s.attendingId(), s.admitAt(),
                    s.dischargeAt(), DrgPricing.lengthOfStay(admit, discharge.isBefore(admit) ? admit : discharge), g.gmlos(),
                    g.drg(), g.title(), g.severity(), g.message(), g.version(), g.provisional(), reasons, open.getOrDefault(s.encounterId(), 0)));
        }
        return out;
    }

    private static String dispositionCode(Stay s) {
        try {
            return org.custodian.chart.DischargeDisposition.valueOf(s.dischargeDisposition()).code();
        } catch (IllegalArgumentException e) {
            return "01";
        }
    }

    private Map<Long, Integer> openQueries(Collection<Long> encounterIds) {
        Map<Long, Integer> out = new HashMap<>();
        jdbc.sql("select encounter_id, count(*) from cdi_query where status = 'OPEN' and encounter_id = any(?) group by encounter_id")
                .param(encounterIds.toArray(Long[]::new))
                .query(rs -> {
                    out.put(rs.getLong(1), rs.getInt(2));
                });
        return out;
    }
}
