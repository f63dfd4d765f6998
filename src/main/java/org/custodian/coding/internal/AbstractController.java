package org.custodian.coding.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.math.BigDecimal;
import java.util.List;
import org.custodian.coding.ReferenceList;
import org.custodian.reimbursement.DrgPricing;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The coder's abstract of an encounter. An abstract is PHI (diagnoses of a named stay), so reading
 * it takes {@code coding:write} — held by those who code (coders, the HIM director) and who all
 * hold {@code chart:read} — not {@code coding:read}, which only searches the classification and is
 * also held by CDI specialists (minimum necessary, 45 CFR 164.502(b) and 164.514(d)). Every call is
 * audited in {@link JdbcAbstracts}.
 */
@Tag(name = "Coding: abstracts", description = "The coder's coded abstract of a discharged encounter: ICD-10-CM/PCS codes, POA, edits, finalize and reopen.")
@RestController
@RequestMapping("/api/coding")
class AbstractController {

    private final JdbcAbstracts abstracts;
    private final JdbcReferenceLists lists;
    private final DrgPricing pricing;

    AbstractController(JdbcAbstracts abstracts, JdbcReferenceLists lists, DrgPricing pricing) {
        this.abstracts = abstracts;
        this.lists = lists;
        this.pricing = pricing;
    }

    @Operation(summary = "Open the coded abstract of a discharged encounter, with its edits")
    @GetMapping("/encounters/{id}/abstract")
    @PreAuthorize("hasAuthority('coding:write')")
    CodedAbstract get(@PathVariable long id) {
        return abstracts.open(id, JdbcAbstracts.BILLING);
    }

    /** Saves the abstract as in progress and returns it with the edits of this save. */
    @Operation(summary = "Save the coded abstract (codes as entered) and run the code edits")
    @PutMapping("/encounters/{id}/abstract")
    @PreAuthorize("hasAuthority('coding:write')")
    CodedAbstract save(@PathVariable long id, @Valid @RequestBody AbstractInput input) {
        return abstracts.save(id, JdbcAbstracts.BILLING, input);
    }

    /** 422 with the error edits when any stands; 409 when already final. */
    @Operation(summary = "Finalize the coded abstract for billing (refused while an error edit stands)")
    @PostMapping("/encounters/{id}/abstract/finalize")
    @PreAuthorize("hasAuthority('coding:write')")
    CodedAbstract finalizeAbstract(@PathVariable long id) {
        return abstracts.finalizeAbstract(id, JdbcAbstracts.BILLING);
    }

    /** Why a final abstract is reopened. */
    record Reopen(String reason) {
    }

    /** Reopens a final abstract for correction or rebilling; 400 without a reason, 409 when not final. */
    @Operation(summary = "Reopen a final abstract for correction or rebilling, with the reason (audited)")
    @PostMapping("/encounters/{id}/abstract/reopen")
    @PreAuthorize("hasAuthority('coding:write')")
    CodedAbstract reopen(@PathVariable long id, @RequestBody Reopen body) {
        return abstracts.reopen(id, JdbcAbstracts.BILLING, body == null ? null : body.reason());
    }

    /** The reference lists in force with their versions (no patient data). */
    @Operation(summary = "List the code edit reference lists in force, with their versions")
    @GetMapping("/reference-lists")
    @PreAuthorize("hasAuthority('coding:read')")
    List<ReferenceList> referenceLists() {
        return lists.inForce();
    }

    /** One MS-DRG of the grouper version in force, with its Table 5 weight and GMLOS. */
    record MsDrg(String drg, String mdc, String type, String title, BigDecimal weight, BigDecimal gmlos) {
    }

    /** The MS-DRGs of v43 (FY2026 Table 5), for reference; the abstract itself carries its grouped DRG. */
    @Operation(summary = "List the MS-DRGs of the grouper version in force (v43, FY2026 Table 5) with weight and GMLOS")
    @GetMapping("/ms-drgs")
    @PreAuthorize("hasAuthority('coding:read')")
    List<MsDrg> msDrgs() {
        return msDrgs(pricing);
    }

    static List<MsDrg> msDrgs(DrgPricing pricing) {
        return pricing.weights().stream().map(w -> new MsDrg(w.drg(), w.mdc() == null || w.mdc().isBlank() ? null : w.mdc(),
                "SURG".equals(w.type()) ? "surgical" : "MED".equals(w.type()) ? "medical" : null, w.title(), w.weight(),
                w.gmlos())).toList();
    }
}
