package org.custodian.cdi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.Problem;
import org.custodian.cdi.CdiMeasures;
import org.custodian.cdi.CdiQueries;
import org.custodian.cdi.CdiRules;
import org.custodian.cdi.CdiWorklist;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The CDI worklist, a case with its query builder, a query (the physician answers it there), the rules and the measures. */
@Controller
class CdiPageController {

    private final CdiWorklist worklist;
    private final CdiQueries queries;
    private final CdiRules rules;
    private final CdiMeasures measures;
    private final WorkingDrgs drgs;

    CdiPageController(CdiWorklist worklist, CdiQueries queries, CdiRules rules, CdiMeasures measures, WorkingDrgs drgs) {
        this.worklist = worklist;
        this.queries = queries;
        this.rules = rules;
        this.measures = measures;
        this.drgs = drgs;
    }

    @GetMapping("/cdi")
    @PreAuthorize("hasAuthority('cdi:review')")
    String worklist(@RequestParam(required = false) String timing, @RequestParam(required = false) String rule,
                    @RequestParam(required = false) String service, @RequestParam(required = false) String find,
                    @RequestParam(defaultValue = "true") boolean reasonsOnly, @RequestParam(defaultValue = "0") int page, Model model) {
        CdiWorklist.Filter filter = new CdiWorklist.Filter(CdiApiController.timing(timing), rule, service, find, reasonsOnly, page, 50);
        model.addAttribute("page", worklist.worklist(filter));
        model.addAttribute("filter", filter);
        model.addAttribute("rules", rules.rules());
        return "cdi/worklist";
    }

    @GetMapping("/cdi/cases/{encounterId}")
    @PreAuthorize("hasAuthority('cdi:review')")
    String caseOf(@PathVariable long encounterId, @RequestParam(defaultValue = "") String template, Model model) {
        CdiWorklist.Item item = worklist.review(encounterId);
        String chosen = template.isBlank() ? item.reasons().stream().map(CdiWorklist.Reason::template)
                .filter(t -> t != null && TemplateLibrary.find(t).isPresent()).findFirst().orElse("open-ended") : template;
        CdiQueries.Template t = TemplateLibrary.find(chosen).orElseThrow(() -> Problem.invalid("invalid-parameter", "template: no such template"));
        return casePage(model, item, t, t.question(), null, List.of(), null);
    }

    private String casePage(Model model, CdiWorklist.Item item, CdiQueries.Template template, String question, List<Long> checked,
                            List<Integer> keptOptions, List<Map.Entry<String, String>> violations) {
        model.addAttribute("item", item);
        model.addAttribute("drg", drgs.of(item.encounterId()));
        model.addAttribute("templates", queries.templates());
        model.addAttribute("template", template);
        model.addAttribute("question", question);
        model.addAttribute("candidates", queries.candidates(item.encounterId()));
        Set<String> suggested = Set.copyOf(template.indicatorLoinc());
        model.addAttribute("checked", checked);
        model.addAttribute("suggested", suggested);
        model.addAttribute("keptOptions", keptOptions);
        model.addAttribute("queries", queries.forEncounter(item.encounterId()));
        model.addAttribute("violations", violations);
        return "cdi/case";
    }

    @PostMapping("/cdi/cases/{encounterId}/queries")
    @PreAuthorize("hasAuthority('cdi:review')")
    String send(@PathVariable long encounterId, @RequestParam String template, @RequestParam String question,
                @RequestParam(name = "option", required = false) List<Integer> option,
                @RequestParam(name = "indicator", required = false) List<Long> indicator,
                @RequestParam(name = "rule", required = false) List<String> ruleIds, Model model) {
        CdiQueries.Template t = TemplateLibrary.find(template).orElseThrow(() -> Problem.invalid("invalid-parameter", "template: no such template"));
        List<Integer> kept = option == null ? List.of() : option;
        List<CdiQueries.Option> options = new ArrayList<>();
        for (int i = 0; i < t.options().size(); i++) {
            if (kept.contains(i)) {
                options.add(t.options().get(i));
            }
        }
        List<Long> checked = indicator == null ? List.of() : indicator;
        try {
            CdiQueries.Query q = queries.create(new CdiQueries.NewQuery(encounterId, t.id(), t.format(), t.yesNoPurpose(), question, options,
                    checked.stream().map(id -> new CdiQueries.IndicatorRef("Observation", id)).toList(), null,
                    ruleIds == null ? List.of() : ruleIds));
            return "redirect:/cdi/queries/" + q.id() + "?sent=true";
        } catch (Problem p) {
            if (!"cdi-query-not-compliant".equals(p.type())) {
                throw p;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, String>> v = (List<Map<String, String>>) p.properties().get("violations");
            return casePage(model, worklist.item(encounterId), t, question, checked, kept,
                    v.stream().map(m -> Map.entry(m.get("rule"), m.get("text"))).toList());
        }
    }

    @GetMapping("/cdi/queries/{id}")
    @PreAuthorize("hasAnyAuthority('cdi:review', 'cdi:answer')")
    String query(@PathVariable long id, @RequestParam(defaultValue = "false") boolean sent, Model model) {
        CdiQueries.Query q = queries.query(id);
        model.addAttribute("query", q);
        model.addAttribute("notice", sent ? "The query is sent to the physician's inbox." : null);
        return "cdi/query";
    }

    @PostMapping("/cdi/queries/{id}/answer")
    @PreAuthorize("hasAuthority('cdi:answer')")
    String answer(@PathVariable long id, @RequestParam(required = false) Integer option, @RequestParam(required = false) String text) {
        queries.answer(id, new CdiQueries.Answer(option, text));
        return "redirect:/cdi/queries/" + id;
    }

    @GetMapping("/cdi/rules")
    @PreAuthorize("hasAuthority('cdi:review')")
    String rules(Model model) {
        model.addAttribute("rules", rules.rules());
        model.addAttribute("hits", worklist.worklist(new CdiWorklist.Filter(null, null, null, null, true, 0, 1)).hitsByRule());
        model.addAttribute("queried", rules.queriesByRule());
        return "cdi/rules";
    }

    @PostMapping("/cdi/rules/{id}")
    @PreAuthorize("hasAuthority('cdi:lead')")
    String rule(@PathVariable String id, @RequestParam(required = false) java.math.BigDecimal threshold,
                @RequestParam(required = false) Integer windowHours, @RequestParam(required = false) String satisfyingCodes,
                @RequestParam(defaultValue = "false") boolean active) {
        rules.update(id, new CdiRules.RuleChange(threshold, windowHours, satisfyingCodes == null ? null
                : List.of(satisfyingCodes.split("[,\\s]+")), active));
        return "redirect:/cdi/rules";
    }

    @GetMapping("/cdi/measures")
    @PreAuthorize("hasAuthority('cdi:review')")
    String measures(@RequestParam(required = false) java.time.LocalDate from, @RequestParam(required = false) java.time.LocalDate to,
                    Model model) {
        model.addAttribute("m", measures.measures(from, to));
        return "cdi/measures";
    }
}
