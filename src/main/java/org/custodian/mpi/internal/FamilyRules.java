package org.custodian.mpi.internal;

/**
 * A household is not a person. People who live together agree on everything a Fellegi–Sunter
 * weight counts most (surname, address, phone) and differ in what tells them apart; these rules
 * take the pairs a weight cannot tell from a duplicate out of the link band:
 * <ul>
 *   <li>generational suffixes that differ (Jr and Sr): father and son — never the same person;</li>
 *   <li>twins: same birth date (or one typo from it) and surname, another given name (reviewed, not ruled out,
 *   when neither the SSN nor the phone disagrees: a given name replaced looks the same);</li>
 *   <li>spouses, siblings, parent and child: given name differs or is only similar (daniel and
 *   danielle), and birth date differs in two digits or more;</li>
 *   <li>strangers who share a birth date: given name differs, surname differs or is only similar;</li>
 *   <li>parent and child of one name without a suffix: same names, birth years a generation apart.</li>
 * </ul>
 * Two more rules keep a pair out of the link band only (it may still be reviewed):
 * <ul>
 *   <li>birth dates that differ outright (not a typo, a swap or two digits) with no identifier to vouch for the
 *   pair (the SSN agreeing, or the phone while the SSNs do not disagree): namesakes at one address (parent and
 *   child, siblings) and look-alike strangers far outnumber a person whose date was replaced;</li>
 *   <li>one house, a similar given name (maria and margaret, elijah and elizabeth) with the same or nearly the
 *   same birth date and surname, the SSN or the phone disagreeing and neither agreeing: twins or spouses (index
 *   with households).</li>
 * </ul>
 * In an index that holds households, each of these is a non-match unless the SSNs agree (exactly
 * or but for one typo: a record whose name or date was replaced by mistake, and the weight
 * decides). A pair whose sex, given name and birth date all differ is never linked automatically,
 * whatever its weight, nor one whose sexes differ unless given name and birth date agree exactly
 * (mary and mark, twins of opposite sex); suffixes that differ never match.
 *
 * <p>The rule that fired travels in the comparison pattern (bits {@link #SHIFT} up), so that the
 * decision of a kept pair needs neither record again.
 */
final class FamilyRules {

    /** What a rule allows. */
    enum Verdict {
        /** No household pattern: the weight decides. */
        ANY,
        /** At most review. */
        NO_LINK,
        /** A non-match whatever the weight. */
        NON_MATCH
    }

    /** Why a rule fired, for the reviewer. */
    enum Reason {
        NONE("none"),
        SUFFIX("generational suffixes differ (Jr/Sr)"),
        TWINS("same birth date and surname, another given name (twins)"),
        HOUSEHOLD("given name and birth date differ (spouse, sibling, parent or child)"),
        STRANGERS("given name and surname differ"),
        GENERATION("same name, birth years a generation apart (parent and child)"),
        BIRTH_DATE_DIFFERS("birth dates differ and no identifier agrees"),
        SIMILAR_IN_HOUSE("one house, a similar given name, the same surname and (nearly) the same birth date");

        final String words;

        Reason(String words) {
            this.words = words;
        }
    }

    static final int SHIFT = 48;
    /** Birth years at least this far apart are two generations. */
    static final int GENERATION_YEARS = 14;

    private static final int GIVEN = MatchField.GIVEN_NAME.ordinal();
    private static final int FAMILY = MatchField.FAMILY_NAME.ordinal();
    private static final int BIRTH = MatchField.BIRTH_DATE.ordinal();
    private static final int SEX = MatchField.SEX.ordinal();
    private static final int SSN = MatchField.SSN.ordinal();
    private static final int STREET_NUMBER = MatchField.STREET_NUMBER.ordinal();
    private static final int ADDRESS_1 = MatchField.ADDRESS_1.ordinal();
    private static final int PHONE = MatchField.PHONE.ordinal();

    private FamilyRules() {
    }

    /** The pattern bits of the verdict and reason of two records compared at {@code levels}. */
    static long bits(MpiRecord a, MpiRecord b, int[] levels) {
        return (long) reason(a, b, levels).ordinal() << SHIFT;
    }

    /**
     * What the rules allow a pair of this pattern. {@code households}: whether the index holds
     * households at all (see {@link #householdEvidence}); where it does not (a file of people
     * registered alone, FEBRL), another given name at the same address and birth date is a
     * clerk's mistake far more often than a twin, and only the suffix and the all-differ rule hold.
     */
    static Verdict verdict(long pattern, boolean households) {
        Reason reason = reason(pattern);
        if (reason == Reason.SUFFIX) {
            return Verdict.NON_MATCH;
        }
        if ((reason == Reason.BIRTH_DATE_DIFFERS || reason == Reason.SIMILAR_IN_HOUSE) && households) {
            return Verdict.NO_LINK;
        }
        int given = FellegiSunterModel.level(pattern, GIVEN);
        int sex = FellegiSunterModel.level(pattern, SEX);
        int birth = FellegiSunterModel.level(pattern, BIRTH);
        Verdict floor = sex == 0 && (given < 3 || birth == 0) ? Verdict.NO_LINK : Verdict.ANY;
        // The same SSN (or one keystroke from it, which two people's rarely are): a person
        // registered twice with a name or a date replaced, or a family member's SSN copied (the
        // guarantor's): the weight decides, within the floor.
        if (reason == Reason.NONE || reason == Reason.SIMILAR_IN_HOUSE || FellegiSunterModel.level(pattern, SSN) >= 1 || !households) {
            return floor;
        }
        // Twins by the rules, but nothing that tells two people apart disagrees (no SSN or phone on one side): the
        // same person with a given name replaced as often as a twin; a person decides.
        if (reason == Reason.TWINS && FellegiSunterModel.level(pattern, SSN) != 0 && FellegiSunterModel.level(pattern, PHONE) != 0) {
            return Verdict.NO_LINK;
        }
        return Verdict.NON_MATCH;
    }

    /** A pair that shows the index holds households: same surname and house, another given name and birth date. */
    static boolean householdEvidence(long pattern) {
        return reason(pattern) == Reason.HOUSEHOLD && FellegiSunterModel.level(pattern, GIVEN) == 0
                && FellegiSunterModel.level(pattern, FAMILY) >= 2
                && FellegiSunterModel.level(pattern, STREET_NUMBER) == 2 && FellegiSunterModel.level(pattern, ADDRESS_1) >= 1;
    }

    /** Households are present when at least this share of the records has a household pair among the candidates. */
    static final double HOUSEHOLD_SHARE = 0.005;

    static Reason reason(MpiRecord a, MpiRecord b, int[] levels) {
        if (Suffixes.differ(a, b)) {
            return Reason.SUFFIX;
        }
        int given = levels[GIVEN];
        int family = levels[FAMILY];
        int birth = levels[BIRTH];
        if (given == 0 && birth >= 2 && family >= 2) {
            return Reason.TWINS;
        }
        if (given == 0 && (birth == 0 || birth == 1 || birth == Comparators.MISSING && levels[SEX] == 0)
                || given == 1 && (birth == 0 || birth == 1)) {
            return Reason.HOUSEHOLD;
        }
        if (given == 0 && family <= 1 && family != Comparators.MISSING) {
            return Reason.STRANGERS;
        }
        if (given >= 2 && family >= 2 && birth == 0 && generationApart(a.birthDate(), b.birthDate())) {
            return Reason.GENERATION;
        }
        boolean sameStreet = levels[STREET_NUMBER] == 2 && levels[ADDRESS_1] >= 1;
        boolean identifierAgrees = levels[SSN] >= 1 || levels[PHONE] >= 1 && levels[SSN] != 0;
        boolean identifierDisagrees = levels[SSN] == 0 || levels[PHONE] == 0;
        if (given == 1 && family >= 2 && birth >= 2 && sameStreet && identifierDisagrees && !identifierAgrees) {
            return Reason.SIMILAR_IN_HOUSE;
        }
        if (birth == 0 && !identifierAgrees) {
            return Reason.BIRTH_DATE_DIFFERS;
        }
        return Reason.NONE;
    }

    private static boolean generationApart(String a, String b) {
        if (a == null || b == null || a.length() < 4 || b.length() < 4) {
            return false;
        }
        try {
            return Math.abs(Integer.parseInt(a.substring(0, 4)) - Integer.parseInt(b.substring(0, 4))) >= GENERATION_YEARS;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Reason reason(long pattern) {
        return Reason.values()[(int) (pattern >>> SHIFT) & 7];
    }

    /** The pattern without the verdict: the field levels alone, as EM sees them. */
    static long levelsOnly(long pattern) {
        return pattern & ((1L << SHIFT) - 1);
    }
}
