package org.custodian.mpi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rules that keep a household or a namesake out of the link band (issue #19): the rule that fires travels in
 * the comparison pattern, and what it allows depends on whether the index holds households.
 */
class FamilyRulesTest {

    private final MatchEngine engine = new MatchEngine(MpiSettings.DEFAULTS);

    private static MpiRecord person(String given, String family, String dob, String ssn, String line, String phone) {
        return MpiRecord.registered("x", given, family, dob, null, ssn, line, "Peoria", "IL", "61602", phone);
    }

    private FamilyRules.Verdict verdict(MpiRecord a, MpiRecord b, boolean households) {
        return FamilyRules.verdict(engine.compare(a, b), households);
    }

    @Test
    void namesakesAtOneAddressWithAnotherBirthDateAndAnotherPhoneAreNeverLinked() {
        // A son named after his father, the suffix left out, both at home: same names and house, dates years apart
        // (fewer than a generation), their own phones.
        MpiRecord father = person("john", "kowalski", "19700412", null, "12 Oak St", "3095550101");
        MpiRecord son = person("john", "kowalski", "19790830", null, "12 Oak St", "3095550177");
        assertThat(FamilyRules.reason(engine.compare(father, son))).isEqualTo(FamilyRules.Reason.BIRTH_DATE_DIFFERS);
        assertThat(verdict(father, son, true)).isEqualTo(FamilyRules.Verdict.NO_LINK);
    }

    @Test
    void aBirthDateReplacedIsStillLinkedWhenAnIdentifierVouchesForThePair() {
        MpiRecord first = person("john", "kowalski", "19700412", "123456789", "12 Oak St", "3095550101");
        MpiRecord again = person("john", "kowalski", "19790830", "123456789", "12 Oak St", null);
        assertThat(FamilyRules.reason(engine.compare(first, again))).isEqualTo(FamilyRules.Reason.NONE);
        assertThat(verdict(first, again, true)).isEqualTo(FamilyRules.Verdict.ANY);
        // The phone vouches too, unless the SSNs disagree.
        MpiRecord byPhone = person("john", "kowalski", "19790830", null, "12 Oak St", "3095550101");
        assertThat(verdict(first, byPhone, true)).isEqualTo(FamilyRules.Verdict.ANY);
        MpiRecord otherSsn = person("john", "kowalski", "19790830", "987654321", "12 Oak St", "3095550101");
        assertThat(verdict(first, otherSsn, true)).isEqualTo(FamilyRules.Verdict.NO_LINK);
    }

    @Test
    void twinsOfSimilarNamesWithTheirOwnPhonesAreReviewedNotLinked() {
        MpiRecord maria = person("maria", "cormanley", "20141017", null, "1505 Inggor Rd", "3095550111");
        MpiRecord margaret = person("margaret", "cormanley", "20141017", null, "1505 Inggor Rd", "3095550122");
        assertThat(FamilyRules.reason(engine.compare(maria, margaret))).isEqualTo(FamilyRules.Reason.SIMILAR_IN_HOUSE);
        assertThat(verdict(maria, margaret, true)).isEqualTo(FamilyRules.Verdict.NO_LINK);
        // A typo of the given name with nothing disagreeing is left to the weight.
        MpiRecord typo = person("mraia", "cormanley", "20141017", null, "1505 Inggor Rd", null);
        assertThat(verdict(maria, typo, true)).isEqualTo(FamilyRules.Verdict.ANY);
    }

    @Test
    void twinsAreNotMatchedWhenAnIdentifierTellsThemApartElseReviewed() {
        MpiRecord anna = person("anna", "kowalski", "20100301", "123456789", "12 Oak St", null);
        MpiRecord paul = person("paul", "kowalski", "20100301", "987654321", "12 Oak St", null);
        assertThat(FamilyRules.reason(engine.compare(anna, paul))).isEqualTo(FamilyRules.Reason.TWINS);
        assertThat(verdict(anna, paul, true)).isEqualTo(FamilyRules.Verdict.NON_MATCH);
        // No SSN on one side, no phone: the same person with a given name replaced as often as a twin.
        MpiRecord unknown = person("paul", "kowalski", "20100301", null, "12 Oak St", null);
        assertThat(verdict(anna, unknown, true)).isEqualTo(FamilyRules.Verdict.NO_LINK);
    }

    @Test
    void inAnIndexWithoutHouseholdsADifferentBirthDateIsLeftToTheWeight() {
        // A file of people registered alone (FEBRL): a date replaced is a clerk's mistake far more often than a namesake.
        MpiRecord first = person("john", "kowalski", "19700412", null, "12 Oak St", null);
        MpiRecord again = person("john", "kowalski", "19790830", null, "12 Oak St", null);
        assertThat(verdict(first, again, false)).isEqualTo(FamilyRules.Verdict.ANY);
        assertThat(verdict(first, again, true)).isEqualTo(FamilyRules.Verdict.NO_LINK);
    }

    @Test
    void aDayAndMonthSwapIsALevelOfItsOwnAboveATypo() {
        assertThat(Comparators.birthDate("19700305", "19700503")).isEqualTo(3);
        assertThat(Comparators.birthDate("19700305", "19700306")).isEqualTo(2);
        assertThat(MatchField.BIRTH_DATE.levelName(3)).isEqualTo("day and month swapped");
    }
}
