package org.custodian.mpi.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.custodian.Problem;
import org.custodian.mpi.MasterPatientIndex;
import org.custodian.mpi.PatientMerge;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The master patient index's API: the duplicate worklist, decisions, merges and unmerges, KPIs.
 * Reviewing needs {@code mpi:review}; anything that merges or unmerges needs {@code mpi:merge}.
 */
@Tag(name = "Master patient index", description = "Possible duplicate registrations: review, merge, unmerge, and the duplicate-rate measures.")
@RestController
@RequestMapping("/api/mpi")
class MpiApiController {

    private final DuplicateWorklist worklist;
    private final MasterPatientIndex mpi;
    private final org.custodian.mpi.DuplicateScan scans;

    MpiApiController(DuplicateWorklist worklist, MasterPatientIndex mpi, org.custodian.mpi.DuplicateScan scans) {
        this.worklist = worklist;
        this.mpi = mpi;
        this.scans = scans;
    }

    /** The scan running now (null when none) and the last one that finished (null before the first). */
    record Scans(org.custodian.mpi.DuplicateScan.Run running, org.custodian.mpi.DuplicateScan.Run last) {
    }

    @Operation(summary = "The scan for duplicates running now (with its phase) and the last one's counts")
    @GetMapping("/scans")
    @PreAuthorize("hasAuthority('mpi:review')")
    Scans scans() {
        return new Scans(scans.latest().filter(org.custodian.mpi.DuplicateScan.Run::running).orElse(null),
                scans.lastFinished().orElse(null));
    }

    record PairPage(List<DuplicatePair> items, int page, int size, long pending) {
    }

    @Operation(summary = "The duplicate worklist: pairs of records that may be the same person")
    @GetMapping("/pairs")
    @PreAuthorize("hasAuthority('mpi:review')")
    PairPage pairs(@RequestParam(defaultValue = "true") boolean pending,
                   @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
                   @RequestParam(defaultValue = "25") @Min(1) @Max(100) int size) {
        return new PairPage(worklist.list(pending, page, size), page, size, worklist.countPending());
    }

    @Operation(summary = "Review a possible duplicate pair side by side")
    @GetMapping("/pairs/{id}")
    @PreAuthorize("hasAuthority('mpi:review')")
    PairReview pair(@PathVariable long id) {
        return worklist.review(id);
    }

    /** NOT_SAME or NEEDS_RESEARCH; SAME_PERSON is {@code POST /pairs/{id}/merge}. */
    record DecisionRequest(@NotNull DuplicateWorklist.Decision decision, @NotBlank @Size(max = 1000) String reason) {
    }

    @Operation(summary = "Decide a pair: not the same person, or needs more information")
    @PostMapping("/pairs/{id}/decision")
    @PreAuthorize("hasAuthority('mpi:review')")
    DuplicatePair decide(@PathVariable long id, @Valid @RequestBody DecisionRequest request) {
        return worklist.decide(id, request.decision(), request.reason());
    }

    record PairMergeRequest(@NotNull Long survivingPatientId, @NotBlank @Size(max = 1000) String reason,
                            @Size(max = 1000) String overrideReason) {
    }

    @Operation(summary = "Merge a duplicate pair into the surviving record")
    @PostMapping("/pairs/{id}/merge")
    @PreAuthorize("hasAuthority('mpi:merge')")
    DuplicatePair mergePair(@PathVariable long id, @Valid @RequestBody PairMergeRequest request) {
        return worklist.merge(id, request.survivingPatientId(), request.reason(), request.overrideReason());
    }

    record MergeRequest(@NotNull Long survivingPatientId, @NotNull Long retiredPatientId,
                        @NotBlank @Size(max = 1000) String reason, @Size(max = 1000) String overrideReason) {
    }

    @Operation(summary = "Merge two records directly (outside the worklist)")
    @PostMapping("/merges")
    @PreAuthorize("hasAuthority('mpi:merge')")
    PatientMerge merge(@Valid @RequestBody MergeRequest request) {
        return mpi.merge(request.survivingPatientId(), request.retiredPatientId(), request.reason(), request.overrideReason());
    }

    @Operation(summary = "Get one merge and what it moved")
    @GetMapping("/merges/{id}")
    @PreAuthorize("hasAuthority('mpi:review')")
    PatientMerge mergeOf(@PathVariable long id) {
        return mpi.findMerge(id).orElseThrow(() -> Problem.notFound("merge-not-found", "Merge not found",
                "No merge has id " + id + "."));
    }

    record UnmergeRequest(@NotBlank @Size(max = 1000) String reason) {
    }

    @Operation(summary = "Undo a merge: every moved item goes back")
    @PostMapping("/merges/{id}/unmerge")
    @PreAuthorize("hasAuthority('mpi:merge')")
    PatientMerge unmerge(@PathVariable long id, @Valid @RequestBody UnmergeRequest request) {
        return mpi.unmerge(id, request.reason());
    }

    @Operation(summary = "Duplicate rate and worklist measures (AHIMA: 1% or less)")
    @GetMapping("/kpis")
    @PreAuthorize("hasAuthority('mpi:review')")
    MpiKpis kpis() {
        return worklist.kpis();
    }
}
