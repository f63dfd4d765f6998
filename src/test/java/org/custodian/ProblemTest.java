package org.custodian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The problem vocabulary's rules: types are stable slugs, statuses are errors, extensions are kept. */
class ProblemTest {

    @Test
    void aTitleBecomesItsSlug() {
        assertThat(Problem.slugOf("Under legal hold")).isEqualTo("under-legal-hold");
        assertThat(Problem.slugOf("Abstract is final")).isEqualTo("abstract-is-final");
        assertThat(Problem.slugOf("Proposer cannot approve!")).isEqualTo("proposer-cannot-approve");
        assertThat(Problem.slugOf("—")).isEqualTo("problem");
    }

    @Test
    void theTypeIsAUriUnderProblems() {
        Problem p = Problem.conflict("legal-hold-already-released", "Already released", "Legal hold 7 was already released.")
                .with("holds", List.of(7));
        assertThat(p.typeUri()).isEqualTo("/problems/legal-hold-already-released");
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.detail()).isEqualTo("Legal hold 7 was already released.");
        assertThat(p.properties()).containsEntry("holds", List.of(7));
    }

    @Test
    void aTypeMustBeASlugAndAStatusAnError() {
        assertThatThrownBy(() -> Problem.invalid("Not A Slug", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Problem(200, "fine", "Fine", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
