package org.custodian.coding;

/**
 * One finding of the edits run on an abstract. An {@link Severity#ERROR} blocks finalizing (the
 * claim would be rejected or returned); a {@link Severity#WARNING} asks the coder to verify.
 *
 * @param rule     a stable name of the edit, e.g. {@code SEX_CONFLICT}
 * @param field    where in the abstract, e.g. {@code secondaryDiagnoses[2]}
 * @param code     the code concerned (dotted), if any
 * @param source   the list or code set, with its version, that drove the edit, e.g. {@code MCE v37 (FY2020)}
 */
public record CodingEdit(String rule, Severity severity, String field, String code, String message, String source) {

    public enum Severity {
        ERROR, WARNING
    }
}
