package org.custodian.practicum.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.custodian.Problem;
import org.custodian.coding.CodeHit;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.Encoder;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.Practicum;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The practicum's pages: the student's exercises and workspace, the instructor's cohorts, grades and keys. */
@Controller
class PracticumPageController {

    private final Practicum practicum;
    private final Encoder encoder;
    private final CodeSets codeSets;
    private final JsonMapper json = JsonMapper.builder().build();

    PracticumPageController(Practicum practicum, Encoder encoder, CodeSets codeSets) {
        this.practicum = practicum;
        this.encoder = encoder;
        this.codeSets = codeSets;
    }

    /**
     * The coding exercise's type-ahead (coding.js with {@code data-search}): the coding module's
     * encoder over the FY2026 sets the exercise's stays are coded with. A student cannot use the
     * coder's own search, which needs coding:read; the classification holds no patient data.
     */
    @GetMapping("/practicum/code-search")
    @PreAuthorize("hasAuthority('practicum:study')")
    ResponseEntity<String> codeSearch(@RequestParam String q, @RequestParam(defaultValue = "icd10cm") String system,
                                      @RequestParam(required = false) Integer fy) {
        CodeSystem cs = CodeSystem.byId(system).orElseThrow(() -> Problem.invalid("unknown-code-system",
                "system: must be icd10cm or icd10pcs"));
        String query = q.length() > 100 ? q.substring(0, 100) : q;
        List<CodeHit> hits = List.of();
        if (!query.isBlank()) {
            int year = codeSets.latestLoaded(cs, fy == null ? 2026 : fy).orElseThrow(() -> Problem.invalid("code-set-not-loaded",
                    "fy: no " + cs.title() + " set loaded"));
            hits = encoder.search(cs, year, query, 8);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(hits));
    }

    @GetMapping("/practicum")
    @PreAuthorize("hasAuthority('practicum:study')")
    String mine(Principal me, Model model) {
        model.addAttribute("workspaces", practicum.workspacesOf(me.getName()));
        return "practicum/mine";
    }

    @GetMapping("/practicum/workspaces/{id}")
    @PreAuthorize("hasAuthority('practicum:study')")
    String workspace(Principal me, @PathVariable long id, Model model) {
        model.addAttribute("ws", practicum.open(me.getName(), id)
                .orElseThrow(() -> noSuchWorkspace(id)));
        return "practicum/workspace";
    }

    @PostMapping("/practicum/workspaces/{id}")
    @PreAuthorize("hasAuthority('practicum:study')")
    String answer(Principal me, @PathVariable long id, HttpServletRequest request,
                  @RequestParam(defaultValue = "save") String action, RedirectAttributes redirect) {
        Map<String, String> answers = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            // Blank fields are passed on: on a coding abstract, emptying a field clears it.
            if (name.startsWith("a.") && values.length > 0) {
                answers.put(name.substring(2), values[0]);
            }
        });
        try {
            practicum.answer(me.getName(), id, answers);
            if (action.equals("submit")) {
                practicum.submit(me.getName(), id);
                redirect.addFlashAttribute("notice", "Submitted and graded.");
            } else {
                redirect.addFlashAttribute("notice", "Answers saved.");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (NoSuchElementException e) {
            throw noSuchWorkspace(id);
        }
        return "redirect:/practicum/workspaces/" + id;
    }

    @GetMapping("/practicum/teach")
    @PreAuthorize("hasAuthority('practicum:teach')")
    String teach(Model model) {
        model.addAttribute("cohorts", practicum.cohorts());
        model.addAttribute("exercises", practicum.exercises());
        return "practicum/teach";
    }

    @PostMapping("/practicum/teach/cohorts")
    @PreAuthorize("hasAuthority('practicum:teach')")
    String createCohort(@RequestParam String name, RedirectAttributes redirect) {
        try {
            return "redirect:/practicum/teach/cohorts/" + practicum.createCohort(name);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
            return "redirect:/practicum/teach";
        }
    }

    @PostMapping("/practicum/teach/exercises")
    @PreAuthorize("hasAuthority('practicum:teach')")
    String defineExercise(@RequestParam String definition, RedirectAttributes redirect) {
        try {
            ExerciseDefinition d = json.readValue(definition, ExerciseDefinition.class);
            practicum.defineExercise(d);
            redirect.addFlashAttribute("notice", "Exercise " + d.id() + " saved.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("problem", "definition: not a valid exercise definition (JSON with id, kind, title, "
                    + "instructions, seed, size, planted)");
        }
        return "redirect:/practicum/teach";
    }

    @GetMapping("/practicum/teach/cohorts/{id}")
    @PreAuthorize("hasAuthority('practicum:teach')")
    String cohort(@PathVariable long id, Model model) {
        try {
            model.addAttribute("report", practicum.report(id));
        } catch (NoSuchElementException e) {
            throw noSuchWorkspace(id);
        }
        model.addAttribute("exercises", practicum.exercises());
        return "practicum/cohort";
    }

    @PostMapping("/practicum/teach/cohorts/{id}/students")
    @PreAuthorize("hasAuthority('practicum:teach')")
    String enroll(@PathVariable long id, @RequestParam String students, RedirectAttributes redirect) {
        try {
            List<String> names = Arrays.stream(students.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
            practicum.enroll(id, names);
            redirect.addFlashAttribute("notice", names.size() + " enrolled.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/practicum/teach/cohorts/" + id;
    }

    @PostMapping("/practicum/teach/cohorts/{id}/assignments")
    @PreAuthorize("hasAuthority('practicum:teach')")
    String assign(@PathVariable long id, @RequestParam String exerciseId, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("notice", practicum.assign(id, exerciseId).size() + " workspaces made.");
        } catch (IllegalArgumentException | NoSuchElementException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/practicum/teach/cohorts/" + id;
    }

    @GetMapping("/practicum/teach/workspaces/{id}/key")
    @PreAuthorize("hasAuthority('practicum:teach')")
    String key(@PathVariable long id, Model model) {
        try {
            model.addAttribute("key", practicum.key(id));
        } catch (NoSuchElementException e) {
            throw noSuchWorkspace(id);
        }
        model.addAttribute("workspaceId", id);
        return "practicum/key";
    }

    /** A workspace, cohort report or key that does not exist, or is not this user's to see: the same answer. */
    private static Problem noSuchWorkspace(long id) {
        return Problem.notFound("practicum-item-not-found", "Not found", "No practicum item " + id + " for you.");
    }
}
