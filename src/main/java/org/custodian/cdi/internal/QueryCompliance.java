package org.custodian.cdi.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.custodian.cdi.CdiQueries.Format;
import org.custodian.cdi.CdiQueries.NewQuery;
import org.custodian.cdi.CdiQueries.Option;
import org.custodian.cdi.CdiQueries.OptionKind;
import org.custodian.cdi.CdiQueries.YesNoPurpose;

/**
 * The rules a query must meet before it is sent, from AHIMA/ACDIS, Guidelines for Achieving a
 * Compliant Query Practice (2022 update): each violation named, so that a refused query says every
 * rule it broke. Pure: the record's documented codes and the lint list (kept as data in
 * {@code cdi_query_lint}) are given.
 */
final class QueryCompliance {

    static final String CITATION = "AHIMA/ACDIS, Guidelines for Achieving a Compliant Query Practice (2022 Update)";

    /** A lint-list phrase: LEADING phrasing or a FINANCIAL mention. */
    record Lint(String phrase, String category, String reason) {
    }

    /** A rule broken: its stable id and what it requires. */
    record Violation(String rule, String text) {
    }

    private QueryCompliance() {
    }

    static List<Violation> check(NewQuery q, int indicators, Set<String> documentedCodes, List<Lint> lint) {
        List<Violation> out = new ArrayList<>();
        List<Option> options = q.options() == null ? List.of() : q.options();
        if (q.question() == null || q.question().isBlank()) {
            out.add(new Violation("question-required", "A query asks a question."));
        }
        if (indicators < 1) {
            out.add(new Violation("clinical-indicator-required",
                    "A query includes at least one clinical indicator from the patient's record, with its source."));
        }
        Format format = q.format() == null ? Format.OPEN_ENDED : q.format();
        if (format == Format.MULTIPLE_CHOICE) {
            if (options.stream().noneMatch(o -> o.kind() == OptionKind.OTHER)) {
                out.add(new Violation("multiple-choice-other", "A multiple-choice query offers \"other\" with free text."));
            }
            if (options.stream().noneMatch(o -> o.kind() == OptionKind.UNDETERMINED)) {
                out.add(new Violation("multiple-choice-clinically-undetermined",
                        "A multiple-choice query offers \"clinically undetermined\"."));
            }
            if (options.stream().noneMatch(o -> o.kind() == OptionKind.DIAGNOSIS || o.kind() == OptionKind.NOT_SUPPORTED)) {
                out.add(new Violation("multiple-choice-supported-options",
                        "A multiple-choice query offers the clinically supported options besides \"other\" and \"clinically undetermined\"."));
            }
        }
        if (format == Format.YES_NO) {
            String why = yesNoProblem(q, options, documentedCodes);
            if (why != null) {
                out.add(new Violation("yes-no-purpose", "A yes/no query only confirms a documented diagnosis, establishes "
                        + "present-on-admission status or asks for a cause-and-effect relationship: " + why));
            }
        }
        boolean newDiagnosis = options.stream().anyMatch(o -> o.kind() == OptionKind.DIAGNOSIS && o.code() != null
                && !o.code().isBlank() && !documentedCodes.contains(RuleEngine.normalize(o.code())));
        if (newDiagnosis && indicators < 1) {
            out.add(new Violation("new-diagnosis-needs-indicators",
                    "A diagnosis not documented in the record is offered only with the clinical indicators that support it."));
        }
        String text = text(q, options);
        for (String category : List.of("FINANCIAL", "LEADING")) {
            List<String> found = lint.stream().filter(l -> category.equals(l.category()) && contains(text, l.phrase()))
                    .map(Lint::phrase).toList();
            if (!found.isEmpty()) {
                out.add("FINANCIAL".equals(category)
                        ? new Violation("no-financial-impact", "A query does not mention payment, the DRG, its weight, "
                                + "reimbursement or quality scores; found: " + String.join(", ", found))
                        : new Violation("no-leading-phrasing", "A query does not lead the provider to an answer; found: "
                                + String.join(", ", found)));
            }
        }
        return out;
    }

    private static String yesNoProblem(NewQuery q, List<Option> options, Set<String> documentedCodes) {
        if (q.yesNoPurpose() == null) {
            return "no purpose given";
        }
        if (options.stream().anyMatch(o -> o.kind() != OptionKind.YES && o.kind() != OptionKind.NO && o.kind() != OptionKind.UNDETERMINED)) {
            return "its options are yes, no and clinically undetermined only";
        }
        if (q.yesNoPurpose() == YesNoPurpose.CONFIRM_DOCUMENTED) {
            boolean documented = options.stream().anyMatch(o -> o.kind() == OptionKind.YES && o.code() != null
                    && documentedCodes.contains(RuleEngine.normalize(o.code())));
            if (!documented) {
                return "the diagnosis to confirm is not documented in the record (a new diagnosis is never asked yes/no)";
            }
        }
        return null;
    }

    private static String text(NewQuery q, List<Option> options) {
        StringBuilder b = new StringBuilder(q.question() == null ? "" : q.question());
        options.forEach(o -> b.append('\n').append(o.text() == null ? "" : o.text()));
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** The phrase as words: "drg" in "MS-DRG 193" but not in "drgs-like" inside another word. */
    static boolean contains(String lowerText, String phrase) {
        return Pattern.compile("(?<![a-z])" + Pattern.quote(phrase.toLowerCase(Locale.ROOT)) + "(?![a-z])").matcher(lowerText).find();
    }
}
