package org.custodian.mpi.internal;

import java.util.List;
import org.custodian.FormInput;
import org.custodian.Problem;
import org.custodian.mpi.DuplicateScan;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.mpi.OverlayRiskException;
import org.custodian.mpi.PatientMerge;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The data-integrity analyst's pages: the duplicate worklist with the index's KPIs, one pair side
 * by side with each field's contribution and the decision forms, and a merge with its undo.
 * Every read and decision goes through {@link DuplicateWorklist} or {@link MasterPatientIndex},
 * which audit them. A refused action (overlay guard, a decided pair) is named on the page.
 */
@Controller
class MpiPageController {

    static final int PAGE_SIZE = 50;

    private final DuplicateWorklist worklist;
    private final MasterPatientIndex mpi;
    private final DuplicateScan scans;
    private final ScheduledScan schedule;

    MpiPageController(DuplicateWorklist worklist, MasterPatientIndex mpi, DuplicateScan scans, ScheduledScan schedule) {
        this.worklist = worklist;
        this.mpi = mpi;
        this.scans = scans;
        this.schedule = schedule;
    }

    /**
     * The analyst's "Scan the index now": the same scan as the nightly one and {@code mpi-scan}, started
     * in the background; the worklist shows its phase while it runs and its counts when it ends.
     */
    @PostMapping("/mpi/scan")
    @PreAuthorize("hasAuthority('mpi:review')")
    String scan(RedirectAttributes redirect) {
        try {
            scans.start(DuplicateScan.Trigger.ANALYST);
            redirect.addFlashAttribute("notice", "Scan started. It runs in the background; its progress and counts show below.");
        } catch (DuplicateScan.AlreadyRunning e) {
            redirect.addFlashAttribute("problem", "A scan is already running; its pairs appear here when it ends.");
        }
        return "redirect:/mpi/worklist";
    }

    @GetMapping("/mpi/worklist")
    @PreAuthorize("hasAuthority('mpi:review')")
    String worklist(@RequestParam(required = false) String all, @RequestParam(required = false) String q,
                    @RequestParam(required = false) String page, Model model) {
        boolean pendingOnly = !"true".equals(FormInput.trimmed(all));
        String find = FormInput.trimmed(q);
        if (find != null && find.length() > 100) {
            find = find.substring(0, 100);
        }
        long total = worklist.count(pendingOnly, find);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        // ?page=N counts from 1; a page past the end shows the last one.
        int shown = Math.min(pages, Math.max(1, pageNumber(page)));
        List<DuplicatePair> pairs = worklist.list(pendingOnly, find, shown - 1, PAGE_SIZE);
        model.addAttribute("pairs", pairs);
        model.addAttribute("total", total);
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("pendingOnly", pendingOnly);
        model.addAttribute("q", find == null ? "" : find);
        model.addAttribute("kpis", worklist.kpis());
        model.addAttribute("latestScan", scans.latest().orElse(null));
        model.addAttribute("lastScan", scans.lastFinished().orElse(null));
        model.addAttribute("scanSchedule", schedule.schedule());
        return "mpi/worklist";
    }

    @GetMapping("/mpi/pairs/{id}")
    @PreAuthorize("hasAuthority('mpi:review')")
    String pair(@PathVariable long id, Model model) {
        model.addAttribute("review", worklist.review(id));
        return "mpi/pair";
    }

    @PostMapping("/mpi/pairs/{id}/decision")
    @PreAuthorize("hasAuthority('mpi:review')")
    String decide(@PathVariable long id, @RequestParam(required = false) String decision,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        DuplicateWorklist.Decision d = "NOT_SAME".equals(decision) ? DuplicateWorklist.Decision.NOT_SAME
                : "NEEDS_RESEARCH".equals(decision) ? DuplicateWorklist.Decision.NEEDS_RESEARCH : null;
        if (d == null) {
            redirect.addFlashAttribute("problem", "Decision: choose \"Not the same person\" or \"Needs research\".");
            return "redirect:/mpi/pairs/" + id;
        }
        try {
            worklist.decide(id, d, FormInput.trimmed(reason));
            redirect.addFlashAttribute("notice", d == DuplicateWorklist.Decision.NOT_SAME
                    ? "Recorded: not the same person. This pair will not come back to the worklist."
                    : "Recorded: needs research. The pair stays on the worklist.");
            return d == DuplicateWorklist.Decision.NOT_SAME ? "redirect:/mpi/worklist" : "redirect:/mpi/pairs/" + id;
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", "Reason: say why; it is kept with the decision.");
        } catch (Problem e) {
            rethrowNotFound(e);
            redirect.addFlashAttribute("problem", e.detail());
        }
        return "redirect:/mpi/pairs/" + id;
    }

    @PostMapping("/mpi/pairs/{id}/merge")
    @PreAuthorize("hasAuthority('mpi:merge')")
    String merge(@PathVariable long id, @RequestParam(required = false) String survivingPatientId,
                 @RequestParam(required = false) String reason, @RequestParam(required = false) String overrideReason,
                 RedirectAttributes redirect) {
        long survivor;
        try {
            survivor = Long.parseLong(FormInput.trimmed(survivingPatientId) == null ? "" : survivingPatientId.trim());
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("problem", "Surviving record: choose which registration survives.");
            return "redirect:/mpi/pairs/" + id;
        }
        try {
            DuplicatePair pair = worklist.merge(id, survivor, FormInput.trimmed(reason), FormInput.trimmed(overrideReason));
            redirect.addFlashAttribute("notice", "Merged. The retired MRN now finds the surviving record; the merge can be undone here.");
            return "redirect:/mpi/merges/" + pair.mergeId();
        } catch (OverlayRiskException e) {
            redirect.addFlashAttribute("problem", "The overlay guard refused the merge: the records disagree on "
                    + String.join(", ", e.risks()) + ". If you have confirmed they are one person, give an override reason.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        } catch (Problem e) {
            rethrowNotFound(e);
            redirect.addFlashAttribute("problem", e.detail());
        }
        return "redirect:/mpi/pairs/" + id;
    }

    @GetMapping("/mpi/merges/{id}")
    @PreAuthorize("hasAuthority('mpi:review')")
    String mergeOf(@PathVariable long id, Model model) {
        PatientMerge merge = mpi.findMerge(id).orElseThrow(() -> Problem.notFound("merge-not-found", "Merge not found",
                "No merge has id " + id + "."));
        model.addAttribute("merge", merge);
        return "mpi/merge";
    }

    @PostMapping("/mpi/merges/{id}/unmerge")
    @PreAuthorize("hasAuthority('mpi:merge')")
    String unmerge(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            mpi.unmerge(id, FormInput.trimmed(reason));
            redirect.addFlashAttribute("notice", "Merge undone: both records, their identifiers, encounters and documents are restored.");
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/mpi/merges/" + id;
    }

    private static int pageNumber(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static void rethrowNotFound(Problem e) {
        if (e.status() == HttpStatus.NOT_FOUND.value()) {
            throw e;
        }
    }
}
