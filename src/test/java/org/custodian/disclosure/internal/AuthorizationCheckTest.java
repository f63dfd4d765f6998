package org.custodian.disclosure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.AuthorizationProblem;
import org.custodian.disclosure.LegalProcess;
import org.custodian.disclosure.RequesterType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each core element of an authorization (45 CFR 164.508(c)(1)) missing blocks the release, naming that element. */
class AuthorizationCheckTest {

    static final LocalDate TODAY = LocalDate.of(2026, 3, 15);

    static Authorization valid() {
        return new Authorization("All records of the 2025 admission", "Custodian Demonstration Hospital",
                "Smith & Jones LLP", "Personal injury claim", LocalDate.of(2026, 12, 31), null, "Pat Example",
                LocalDate.of(2026, 3, 1), false, null, Set.of());
    }

    static Stream<Arguments> missingElements() {
        return Stream.of(
                Arguments.of("authorization.description", (UnaryOperator<Authorization>) a -> new Authorization(" ", a.discloser(), a.recipient(), a.purpose(), a.expiresOn(), a.expirationEvent(), a.signedBy(), a.signedOn(), false, null, Set.of())),
                Arguments.of("authorization.discloser", (UnaryOperator<Authorization>) a -> new Authorization(a.description(), null, a.recipient(), a.purpose(), a.expiresOn(), a.expirationEvent(), a.signedBy(), a.signedOn(), false, null, Set.of())),
                Arguments.of("authorization.recipient", (UnaryOperator<Authorization>) a -> new Authorization(a.description(), a.discloser(), "", a.purpose(), a.expiresOn(), a.expirationEvent(), a.signedBy(), a.signedOn(), false, null, Set.of())),
                Arguments.of("authorization.purpose", (UnaryOperator<Authorization>) a -> new Authorization(a.description(), a.discloser(), a.recipient(), null, a.expiresOn(), a.expirationEvent(), a.signedBy(), a.signedOn(), false, null, Set.of())),
                Arguments.of("authorization.expiration", (UnaryOperator<Authorization>) a -> new Authorization(a.description(), a.discloser(), a.recipient(), a.purpose(), null, null, a.signedBy(), a.signedOn(), false, null, Set.of())),
                Arguments.of("authorization.signature", (UnaryOperator<Authorization>) a -> new Authorization(a.description(), a.discloser(), a.recipient(), a.purpose(), a.expiresOn(), a.expirationEvent(), null, a.signedOn(), false, null, Set.of())),
                Arguments.of("authorization.signature", (UnaryOperator<Authorization>) a -> new Authorization(a.description(), a.discloser(), a.recipient(), a.purpose(), a.expiresOn(), a.expirationEvent(), a.signedBy(), null, false, null, Set.of())),
                Arguments.of("authorization.representativeAuthority", (UnaryOperator<Authorization>) a -> new Authorization(a.description(), a.discloser(), a.recipient(), a.purpose(), a.expiresOn(), a.expirationEvent(), a.signedBy(), a.signedOn(), true, null, Set.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingElements")
    void aMissingElementIsNamed(String element, UnaryOperator<Authorization> breakIt) {
        List<AuthorizationProblem> problems = AuthorizationCheck.problems(RequesterType.THIRD_PARTY, breakIt.apply(valid()),
                LegalProcess.NONE, TODAY);
        assertThat(problems).extracting(AuthorizationProblem::element).containsExactly(element);
        assertThat(problems.get(0).rule()).contains("164.508");
    }

    @Test
    void aCompleteAuthorizationPasses() {
        assertThat(AuthorizationCheck.problems(RequesterType.THIRD_PARTY, valid(), LegalProcess.NONE, TODAY)).isEmpty();
        Authorization byEvent = new Authorization("x", "y", "z", "p", null, "end of the litigation", "s", TODAY, false, null, Set.of());
        assertThat(AuthorizationCheck.problems(RequesterType.ATTORNEY, byEvent, LegalProcess.NONE, TODAY)).isEmpty();
    }

    @Test
    void anExpiredAuthorizationIsBlockedWithItsDate() {
        Authorization a = valid();
        Authorization expired = new Authorization(a.description(), a.discloser(), a.recipient(), a.purpose(),
                LocalDate.of(2026, 3, 14), null, a.signedBy(), LocalDate.of(2025, 3, 1), false, null, Set.of());
        assertThat(AuthorizationCheck.problems(RequesterType.THIRD_PARTY, expired, LegalProcess.NONE, TODAY))
                .singleElement().satisfies(p -> {
                    assertThat(p.element()).isEqualTo("authorization.expiration");
                    assertThat(p.rule()).contains("expired on 2026-03-14");
                });
        // It is still good on its expiration date.
        assertThat(AuthorizationCheck.problems(RequesterType.THIRD_PARTY, expired, LegalProcess.NONE, LocalDate.of(2026, 3, 14))).isEmpty();
    }

    @Test
    void aThirdPartyWithoutAnyAuthorizationIsBlocked() {
        assertThat(AuthorizationCheck.problems(RequesterType.THIRD_PARTY, null, LegalProcess.NONE, TODAY))
                .extracting(AuthorizationProblem::element).containsExactly("authorization");
    }

    @Test
    void aSubpoenaWithoutCourtOrderOrSatisfactoryAssuranceIsFlagged() {
        assertThat(AuthorizationCheck.problems(RequesterType.ATTORNEY, null, new LegalProcess(true, false, false), TODAY))
                .singleElement().satisfies(p -> {
                    assertThat(p.element()).isEqualTo("legalProcess.satisfactoryAssurance");
                    assertThat(p.rule()).contains("164.512(e)(1)(ii)");
                });
        assertThat(AuthorizationCheck.problems(RequesterType.COURT, null, new LegalProcess(true, false, true), TODAY)).isEmpty();
        assertThat(AuthorizationCheck.problems(RequesterType.COURT, null, new LegalProcess(false, true, false), TODAY)).isEmpty();
    }

    @Test
    void rightOfAccessNeedsNoAuthorizationButARepresentativeNeedsAuthority() {
        assertThat(AuthorizationCheck.problems(RequesterType.PATIENT, null, LegalProcess.NONE, TODAY)).isEmpty();
        assertThat(AuthorizationCheck.problems(RequesterType.PROVIDER_TREATMENT, null, LegalProcess.NONE, TODAY)).isEmpty();
        assertThat(AuthorizationCheck.problems(RequesterType.PERSONAL_REPRESENTATIVE, null, LegalProcess.NONE, TODAY))
                .extracting(AuthorizationProblem::element).containsExactly("authorization.representativeAuthority");
    }
}
