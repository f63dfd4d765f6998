package org.custodian.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.custodian.cdi.CdiQueries.Format;
import org.custodian.cdi.CdiQueries.IndicatorRef;
import org.custodian.cdi.CdiQueries.NewQuery;
import org.custodian.cdi.CdiQueries.Option;
import org.custodian.cdi.CdiQueries.OptionKind;
import org.custodian.cdi.CdiQueries.YesNoPurpose;
import org.junit.jupiter.api.Test;

/**
 * Each rule of AHIMA/ACDIS, Guidelines for Achieving a Compliant Query Practice (2022 update), as the
 * checker enforces it: a query that breaks one is refused with that rule named, and the template's
 * sepsis query with an indicator passes.
 */
class QueryComplianceTest {

    static final List<QueryCompliance.Lint> LINT = List.of(
            new QueryCompliance.Lint("please document", "LEADING", "directs"),
            new QueryCompliance.Lint("do you agree", "LEADING", "asks for agreement"),
            new QueryCompliance.Lint("drg", "FINANCIAL", "DRG"),
            new QueryCompliance.Lint("payment", "FINANCIAL", "money"),
            new QueryCompliance.Lint("quality score", "FINANCIAL", "scores"));

    static final Set<String> DOCUMENTED = Set.of("J189", "I509");

    static NewQuery sepsis() {
        var t = TemplateLibrary.find("sepsis").orElseThrow();
        return new NewQuery(1L, "sepsis", t.format(), null, t.question(), t.options(), List.of(new IndicatorRef("Observation", 1)), null, List.of());
    }

    static NewQuery with(NewQuery q, String question, List<Option> options) {
        return new NewQuery(q.encounterId(), q.template(), q.format(), q.yesNoPurpose(), question, options, q.indicators(), null, List.of());
    }

    static List<String> rules(NewQuery q, int indicators) {
        return QueryCompliance.check(q, indicators, DOCUMENTED, LINT).stream().map(QueryCompliance.Violation::rule).toList();
    }

    @Test
    void theSepsisTemplateWithAnIndicatorIsCompliant() {
        assertThat(rules(sepsis(), 1)).isEmpty();
        TemplateLibrary.ALL.stream().filter(t -> t.format() == Format.MULTIPLE_CHOICE).forEach(t -> assertThat(rules(
                new NewQuery(1L, t.id(), t.format(), null, t.question(), t.options(), List.of(), null, List.of()), 1))
                .as(t.id()).isEmpty());
    }

    @Test
    void aQueryWithoutAClinicalIndicatorIsRefused() {
        assertThat(rules(sepsis(), 0)).contains("clinical-indicator-required");
    }

    @Test
    void aMultipleChoiceQueryWithoutOtherIsRefused() {
        List<Option> o = new ArrayList<>(sepsis().options());
        o.removeIf(x -> x.kind() == OptionKind.OTHER);
        assertThat(rules(with(sepsis(), sepsis().question(), o), 1)).containsExactly("multiple-choice-other");
    }

    @Test
    void aMultipleChoiceQueryWithoutClinicallyUndeterminedIsRefused() {
        List<Option> o = new ArrayList<>(sepsis().options());
        o.removeIf(x -> x.kind() == OptionKind.UNDETERMINED);
        assertThat(rules(with(sepsis(), sepsis().question(), o), 1)).containsExactly("multiple-choice-clinically-undetermined");
    }

    @Test
    void aMultipleChoiceQueryOfferingOnlyOtherAndUndeterminedIsRefused() {
        List<Option> o = new ArrayList<>(sepsis().options());
        o.removeIf(x -> x.kind() == OptionKind.DIAGNOSIS || x.kind() == OptionKind.NOT_SUPPORTED);
        assertThat(rules(with(sepsis(), sepsis().question(), o), 1)).containsExactly("multiple-choice-supported-options");
    }

    static NewQuery yesNo(YesNoPurpose purpose, String code) {
        return new NewQuery(1L, "poa", Format.YES_NO, purpose, "Is the condition below supported by your assessment?",
                List.of(new Option("Yes", OptionKind.YES, code), new Option("No", OptionKind.NO, null)),
                List.of(new IndicatorRef("Observation", 1)), null, List.of());
    }

    @Test
    void aYesNoQueryServesOnlyTheThreePurposes() {
        assertThat(rules(yesNo(YesNoPurpose.PRESENT_ON_ADMISSION, null), 1)).isEmpty();
        assertThat(rules(yesNo(YesNoPurpose.CAUSE_AND_EFFECT, null), 1)).isEmpty();
        assertThat(rules(yesNo(YesNoPurpose.CONFIRM_DOCUMENTED, "J18.9"), 1)).as("a documented diagnosis").isEmpty();
        assertThat(rules(yesNo(null, null), 1)).containsExactly("yes-no-purpose");
        assertThat(rules(yesNo(YesNoPurpose.CONFIRM_DOCUMENTED, "A41.9"), 1)).as("a new diagnosis asked yes/no")
                .containsExactly("yes-no-purpose");
    }

    @Test
    void aNewDiagnosisIsNeverOfferedWithoutIndicators() {
        NewQuery q = new NewQuery(1L, "sepsis", Format.MULTIPLE_CHOICE, null, sepsis().question(), sepsis().options(), List.of(), null,
                List.of());
        assertThat(rules(q, 0)).contains("new-diagnosis-needs-indicators");
        List<Option> documentedOnly = List.of(new Option("Pneumonia", OptionKind.DIAGNOSIS, "J18.9"),
                new Option("Other", OptionKind.OTHER, null), new Option("Clinically undetermined", OptionKind.UNDETERMINED, null));
        assertThat(rules(with(q, q.question(), documentedOnly), 0)).doesNotContain("new-diagnosis-needs-indicators");
    }

    @Test
    void aQueryMentioningPaymentOrTheDrgIsRefused() {
        assertThat(rules(with(sepsis(), "Sepsis would move the MS-DRG to 871; can the indicators be specified?", sepsis().options()), 1))
                .containsExactly("no-financial-impact");
        assertThat(rules(with(sepsis(), "Specifying this improves payment.", sepsis().options()), 1)).containsExactly("no-financial-impact");
        assertThat(rules(with(sepsis(), "This affects our quality score.", sepsis().options()), 1)).containsExactly("no-financial-impact");
        assertThat(QueryCompliance.check(with(sepsis(), "The DRG pays more.", sepsis().options()), 1, DOCUMENTED, LINT).get(0).text())
                .contains("drg");
    }

    @Test
    void leadingPhrasingIsRefused() {
        assertThat(rules(with(sepsis(), "Please document sepsis given the lactate.", sepsis().options()), 1))
                .containsExactly("no-leading-phrasing");
        assertThat(rules(with(sepsis(), "The patient has sepsis, do you agree?", sepsis().options()), 1)).containsExactly("no-leading-phrasing");
    }

    @Test
    void aQueryWithoutAQuestionIsRefused() {
        assertThat(rules(with(sepsis(), " ", sepsis().options()), 1)).containsExactly("question-required");
    }

    @Test
    void phrasesMatchAsWordsNotInsideOtherWords() {
        assertThat(QueryCompliance.contains("ms-drg 193", "drg")).isTrue();
        assertThat(QueryCompliance.contains("hydrgen", "drg")).isFalse();
    }
}
