package org.custodian.completion;

import java.time.LocalDate;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The record-completion service (42 CFR 482.24(c)): deficiencies, the analyst's worklist, the
 * physician's inbox, delinquency and the escalation ladder. Every call is authorized here, and
 * every read of patient rows audited. Automatic analysis runs on the chart's events, not through
 * this interface.
 */
public interface RecordCompletion {

    /** Deficiencies by state, practitioner and patient (any may be null), oldest due first. */
    @PreAuthorize("hasAuthority('completion:analyze')")
    List<Deficiency> deficiencies(DeficiencyState state, Long practitionerId, Long patientId);

    @PreAuthorize("hasAuthority('completion:analyze')")
    Deficiency deficiency(long id);

    /**
     * Open deficiencies of these patients (null: everyone's) and this practitioner (null: anyone's),
     * due soonest first, at most {@code limit}, with how many match in all.
     */
    @PreAuthorize("hasAuthority('completion:analyze')")
    OpenDeficiencies open(java.util.Collection<Long> patientIds, Long practitionerId, int limit);

    /** Discharged charts by discharge date (oldest first), optionally of one service, with their open deficiencies. */
    @PreAuthorize("hasAuthority('completion:analyze')")
    List<AnalysisRow> worklist(String service);

    /** How many discharged charts, optionally of one service, await analysis (the worklist shows the oldest). */
    @PreAuthorize("hasAuthority('completion:analyze')")
    long awaitingAnalysis(String service);

    /** Marks a chart analysed: re-runs the automatic analysis now and records who looked. */
    @PreAuthorize("hasAuthority('completion:analyze')")
    AnalysisRow analyse(long encounterId);

    @PreAuthorize("hasAuthority('completion:analyze')")
    Deficiency addManual(NewManualDeficiency deficiency);

    /** Closes a manual deficiency (automatic ones close by themselves when their rule is met). */
    @PreAuthorize("hasAuthority('completion:analyze')")
    Deficiency close(long id, String reason);

    /** The signed-in practitioner's inbox, every source, oldest first; empty for an account without practitioner. */
    @PreAuthorize("hasAuthority('completion:inbox')")
    List<InboxItem> inbox();

    @PreAuthorize("hasAuthority('completion:analyze')")
    Delinquency delinquency(LocalDate from, LocalDate to, DelinquencyFormula formula);

    @PreAuthorize("hasAuthority('completion:manage')")
    DirectorFigures figures(DelinquencyFormula formula);

    @PreAuthorize("hasAuthority('completion:analyze')")
    List<DeficiencyRule> rules();

    @PreAuthorize("hasAuthority('completion:manage')")
    DeficiencyRule changeRule(String code, RuleChange change);

    /** The bylaws' numbers (no patient data): the analyst's and the practitioner's inbox both show them. */
    @PreAuthorize("hasAnyAuthority('completion:analyze', 'completion:inbox')")
    CompletionPolicy policy();

    @PreAuthorize("hasAuthority('completion:manage')")
    CompletionPolicy changePolicy(CompletionPolicy policy);

    /** Climbs the escalation ladder today: issues each letter due and not yet issued, suspends where due; lifts what is complete. */
    @PreAuthorize("hasAuthority('completion:manage')")
    List<EscalationLetter> escalate();

    @PreAuthorize("hasAuthority('completion:manage')")
    List<EscalationLetter> letters();

    @PreAuthorize("hasAuthority('completion:manage')")
    byte[] letterPdf(long id);

    /** The suspension list for the medical staff office (active first). */
    @PreAuthorize("hasAuthority('completion:analyze')")
    List<Suspension> suspensions();

    @PreAuthorize("hasAuthority('completion:manage')")
    Suspension lift(long suspensionId, String reason);

    /** Re-analyses every encounter (after a rule change); returns how many. */
    @PreAuthorize("hasAuthority('completion:manage')")
    int reanalyseAll();
}
