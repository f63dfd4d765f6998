package org.custodian.coding;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Coding done before Custodian — history migrated from the previous encoder, or the demo
 * hospital's past — recorded as final billing abstracts, so that the worklist and DNFB show only
 * the work really left. Each coding is all or nothing: it is recorded only when the encounter is
 * on the worklist without a billing abstract and every code is a billable code of the set in force
 * at its discharge (the newest loaded set when CMS's next one is not loaded yet). Every abstract
 * recorded is audited as a CREATE against its patient.
 */
public interface CodingHistory {

    /**
     * One code; {@code poa} for inpatient diagnoses (Y, N, U, W) — dropped for a code on the
     * POA-exempt list in force, where an indicator is itself an edit — and {@code date} for procedures.
     */
    record PriorCode(String code, String poa, LocalDate date) {
    }

    /**
     * An encounter's final coding: diagnoses with the principal first (ICD-10-CM), procedures with
     * the principal first (ICD-10-PCS, inpatient only), the UB-04 discharge status, who coded it and when.
     */
    record PriorCoding(long encounterId, List<PriorCode> diagnoses, List<PriorCode> procedures,
                       String dischargeDisposition, String coder, Instant startedAt, Instant finalizedAt) {
    }

    /** What became of the codings given. */
    record Recorded(int recorded, int invalidCode, int notOnWorklist, int alreadyCoded) {
    }

    Recorded recordFinal(List<PriorCoding> codings);

    /**
     * Dual-coding audits done before Custodian: each coding is an auditor's blind re-coding of an
     * encounter whose billing abstract is final ({@code coder} the auditor, {@code finalizedAt} when
     * the audit was done); it is put in the audit sample with a final audit abstract, and then
     * counts in the coding accuracy figures. Encounters without a final billing abstract, already
     * sampled, or coded by the auditor themselves are skipped; returns how many were recorded.
     */
    int recordAudits(List<PriorCoding> audits);
}
