package org.custodian.chart.internal;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.chart.ClinicalResources;
import org.custodian.chart.ClinicalResources.Query;
import org.custodian.chart.ClinicalResources.StoredResource;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientRegistry;
import org.custodian.chart.ChartNotFoundException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The chart's clinical record beside its encounters and documents: results (a table and a trend
 * of one test), vital signs, medications, allergies, immunizations, problems and care plans,
 * read from the kept clinical resources (HAPI FHIR structures; every read audited).
 */
@Controller
public class RecordPageController {

    /** A tab: its label, the resource type and the category it shows (null: all of the type). */
    public record Tab(String key, String label, String type, String category) {
    }

    /** One line of a tab's table. */
    public record Row(Instant when, String what, String value, String detail, String status) {
    }

    /** One point of the trend. */
    public record Point(Instant when, BigDecimal value) {
    }

    static final List<Tab> TABS = List.of(
            new Tab("results", "Results", "Observation", "laboratory"),
            new Tab("vitals", "Vital signs", "Observation", "vital-signs"),
            new Tab("medications", "Medications", "MedicationRequest", null),
            new Tab("allergies", "Allergies", "AllergyIntolerance", null),
            new Tab("immunizations", "Immunizations", "Immunization", null),
            new Tab("problems", "Problems", "Condition", null),
            new Tab("careplans", "Care plans", "CarePlan", null));

    private final ClinicalResources resources;
    private final PatientRegistry patients;
    private final FhirContext fhir;

    RecordPageController(ClinicalResources resources, PatientRegistry patients, FhirContext fhir) {
        this.resources = resources;
        this.patients = patients;
        this.fhir = fhir;
    }

    @GetMapping("/patients/{id}/record")
    @PreAuthorize("hasAuthority('chart:read')")
    String record(@PathVariable long id, @RequestParam(defaultValue = "results") String tab,
                  @RequestParam(required = false) String test, Model model) {
        Patient patient = patients.find(id).orElseThrow(() -> new ChartNotFoundException("Patient", id));
        Tab current = TABS.stream().filter(t -> t.key().equals(tab)).findFirst().orElse(TABS.get(0));
        List<List<String>> terms = current.category() == null ? List.of() : List.of(List.of("category=" + current.category()));
        List<StoredResource> found = resources.search(new Query(current.type(), id, null, terms, List.of(), null, null, null, null,
                "-date", 0, 1000, false)).resources();
        List<Row> rows = new ArrayList<>();
        Map<String, String> tests = new LinkedHashMap<>();
        Map<String, List<Point>> series = new LinkedHashMap<>();
        for (StoredResource s : found) {
            if (s.json() == null) {
                continue;
            }
            Resource r = (Resource) fhir.newJsonParser().parseResource(s.json());
            rows.add(row(r));
            if (r instanceof Observation o && o.getValue() instanceof Quantity q && q.hasValue() && o.getCode().hasCoding()) {
                String code = o.getCode().getCodingFirstRep().getCode();
                tests.putIfAbsent(code, text(o.getCode()) + (q.hasUnit() ? " (" + q.getUnit() + ")" : ""));
                Instant when = when(o.getEffective());
                if (when != null) {
                    series.computeIfAbsent(code, k -> new ArrayList<>()).add(new Point(when, q.getValue()));
                }
            }
        }
        String chosen = test != null && series.containsKey(test) ? test
                : series.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size())).map(Map.Entry::getKey).orElse(null);
        List<Point> trend = chosen == null ? List.of() : series.get(chosen).stream().sorted(Comparator.comparing(Point::when)).toList();
        model.addAttribute("patient", patient);
        model.addAttribute("tabs", TABS);
        model.addAttribute("tab", current);
        model.addAttribute("rows", rows);
        model.addAttribute("counts", resources.countsOf(id));
        model.addAttribute("withheld", withheldNotes(resources.withheldFrom(id)));
        model.addAttribute("tests", tests);
        model.addAttribute("test", chosen);
        model.addAttribute("trend", trend);
        return "chart/record";
    }

    /** "1 record withheld: Substance use disorder treatment (42 CFR Part 2)", one line per category (issue 15). */
    static List<String> withheldNotes(Map<org.custodian.chart.Sensitivity, Long> withheld) {
        List<String> notes = new ArrayList<>();
        withheld.forEach((tag, n) -> notes.add(n + (n == 1 ? " record" : " records") + " withheld: " + tag.label()
                + (tag.label().contains("CFR") ? "" : " (" + tag.rule() + ")")));
        return notes;
    }

    private static Row row(Resource r) {
        RecordRows.Row x = RecordRows.row(r);
        return new Row(x.when(), x.what(), x.value(), x.detail(), x.status());
    }

    private static Instant when(Type t) {
        return RecordRows.when(t);
    }

    private static String text(CodeableConcept c) {
        return RecordRows.text(c);
    }
}
