package org.custodian.cdi.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.custodian.Problem;
import org.custodian.cdi.CdiMeasures;
import org.custodian.cdi.CdiQueries;
import org.custodian.cdi.CdiRule;
import org.custodian.cdi.CdiRules;
import org.custodian.cdi.CdiWorklist;
import org.custodian.cdi.Timing;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Clinical documentation improvement", description = "The CDI review worklist, compliant physician queries "
        + "(AHIMA/ACDIS Guidelines for Achieving a Compliant Query Practice, 2022 update), their answers and measures.")
@RestController
@RequestMapping("/api/cdi")
class CdiApiController {

    private final CdiWorklist worklist;
    private final CdiQueries queries;
    private final CdiRules rules;
    private final CdiMeasures measures;
    private final org.custodian.cdi.CdiAdvisor advisor;
    private final org.custodian.cdi.CdiLint lint;

    CdiApiController(CdiWorklist worklist, CdiQueries queries, CdiRules rules, CdiMeasures measures,
                     org.custodian.cdi.CdiAdvisor advisor, org.custodian.cdi.CdiLint lint) {
        this.advisor = advisor;
        this.lint = lint;
        this.worklist = worklist;
        this.queries = queries;
        this.rules = rules;
        this.measures = measures;
    }

    static Timing timing(String timing) {
        if (timing == null || timing.isBlank()) {
            return null;
        }
        try {
            return Timing.valueOf(timing.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("invalid-parameter", "timing: concurrent, retrospective or post_bill");
        }
    }

    @Operation(summary = "The review worklist: in-house inpatients and discharged stays not final-coded, with the reasons (rule id and text)")
    @GetMapping("/worklist")
    @PreAuthorize("hasAuthority('cdi:review')")
    CdiWorklist.Page worklist(@RequestParam(required = false) String timing, @RequestParam(required = false) String rule,
                              @RequestParam(required = false) String service, @RequestParam(required = false) String find,
                              @RequestParam(defaultValue = "true") boolean reasonsOnly, @RequestParam(defaultValue = "0") int page,
                              @RequestParam(defaultValue = "50") int size) {
        return worklist.worklist(new CdiWorklist.Filter(timing(timing), rule, service, find, reasonsOnly, page, size));
    }

    @Operation(summary = "The worklist rules (threshold, window, satisfying codes, citation)")
    @GetMapping("/rules")
    @PreAuthorize("hasAuthority('cdi:review')")
    List<CdiRule> rules() {
        return rules.rules();
    }

    @Operation(summary = "Change a rule's threshold, window, satisfying codes or whether it is active (the CDI lead)")
    @PutMapping("/rules/{id}")
    @PreAuthorize("hasAuthority('cdi:lead')")
    CdiRule rule(@PathVariable String id, @RequestBody CdiRules.RuleChange change) {
        return rules.update(id, change);
    }

    @Operation(summary = "The query template library")
    @GetMapping("/templates")
    @PreAuthorize("hasAuthority('cdi:review')")
    List<CdiQueries.Template> templates() {
        return queries.templates();
    }

    @Operation(summary = "Create and send a query; 422 cdi-query-not-compliant names each violated rule in violations")
    @PostMapping("/queries")
    @PreAuthorize("hasAuthority('cdi:review')")
    ResponseEntity<CdiQueries.Query> create(@RequestBody CdiQueries.NewQuery query) {
        CdiQueries.Query q = queries.create(query);
        return ResponseEntity.created(URI.create("/api/cdi/queries/" + q.id())).body(q);
    }

    @Operation(summary = "One query with its indicators and answer")
    @GetMapping("/queries/{id}")
    @PreAuthorize("hasAuthority('cdi:review')")
    CdiQueries.Query query(@PathVariable long id) {
        return queries.query(id);
    }

    @Operation(summary = "The queries of an encounter")
    @GetMapping("/queries")
    @PreAuthorize("hasAuthority('cdi:review')")
    List<CdiQueries.Query> forEncounter(@RequestParam long encounterId) {
        return queries.forEncounter(encounterId);
    }

    @Operation(summary = "The working MS-DRG and expected payment before the query and after its answer (CDI and HIM only)")
    @GetMapping("/queries/{id}/impact")
    @PreAuthorize("hasAuthority('cdi:review')")
    CdiQueries.Impact impact(@PathVariable long id) {
        return queries.impact(id);
    }

    @Operation(summary = "The labs and vital signs of a stay a query may cite as clinical indicators (resourceId is the indicator's id)")
    @GetMapping("/cases/{encounterId}/indicators")
    @PreAuthorize("hasAuthority('cdi:review')")
    List<org.custodian.chart.RecordFacts.Measurement> indicators(@PathVariable long encounterId) {
        return queries.candidates(encounterId);
    }

    @Operation(summary = "The physician answers a query sent to them: a signed addendum in the chart")
    @PostMapping("/queries/{id}/answer")
    @PreAuthorize("hasAuthority('cdi:answer')")
    CdiQueries.Query answer(@PathVariable long id, @RequestBody CdiQueries.Answer answer) {
        return queries.answer(id, answer);
    }

    @Operation(summary = "Review, query, response and agreement rates, response time, CC/MCC capture, CMI and payment effect, each with its formula")
    @GetMapping("/measures")
    @PreAuthorize("hasAuthority('cdi:review')")
    CdiMeasures.Measures measures(@RequestParam(required = false) java.time.LocalDate from,
                                  @RequestParam(required = false) java.time.LocalDate to) {
        return measures.measures(from, to);
    }

    @Operation(summary = "The physician advisor's queue: escalated queries with patient, physician asked, age and the advisor's reviews")
    @GetMapping("/advisor/queries")
    @PreAuthorize("hasAuthority('cdi:advise')")
    org.custodian.cdi.CdiAdvisor.Page advisorQueue(@RequestParam(required = false) Long patientId,
                                                   @RequestParam(defaultValue = "true") boolean open,
                                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return advisor.escalated(patientId, open, page, size);
    }

    /** The advisor's review: {@code outcome} one of {@link org.custodian.cdi.CdiAdvisor.ReviewOutcome}, an optional note. */
    record AdvisorReviewBody(org.custodian.cdi.CdiAdvisor.ReviewOutcome outcome, String note) {
    }

    @Operation(summary = "Record the physician advisor's review of an escalated query (409 cdi-query-not-escalated otherwise)")
    @PostMapping("/queries/{id}/advisor-reviews")
    @PreAuthorize("hasAuthority('cdi:advise')")
    ResponseEntity<org.custodian.cdi.CdiAdvisor.Review> advisorReview(@PathVariable long id, @RequestBody AdvisorReviewBody body) {
        org.custodian.cdi.CdiAdvisor.Review r = advisor.review(id, body == null ? null : body.outcome(), body == null ? null : body.note());
        return ResponseEntity.status(201).body(r);
    }

    @Operation(summary = "The lint list: phrases a query may not contain (leading phrasing, money and scores), active or retired")
    @GetMapping("/lint")
    @PreAuthorize("hasAuthority('cdi:review')")
    List<org.custodian.cdi.CdiLint.Phrase> lint() {
        return lint.phrases();
    }

    @Operation(summary = "Add, reword or retire a lint-list phrase (the CDI lead)")
    @PostMapping("/lint")
    @PreAuthorize("hasAuthority('cdi:lead')")
    org.custodian.cdi.CdiLint.Phrase saveLint(@RequestBody org.custodian.cdi.CdiLint.PhraseChange change) {
        return lint.save(change);
    }
}
