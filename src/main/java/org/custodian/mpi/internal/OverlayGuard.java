package org.custodian.mpi.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * The overlay guard: reasons an automatic merge must not happen however high the score, because
 * merging two different people (an overlay) puts one person's care in another's chart. Such a
 * pair goes to a person for review instead. It is a merge rule, not a matching one: the linkage
 * metrics of {@code mpi-eval} do not apply it.
 */
final class OverlayGuard {

    /** A disagreement that makes an automatic merge unsafe. */
    enum Risk {
        /** Both records state a sex, and they differ. */
        SEX_DIFFERS,
        /** Both have a birth date and they differ by more than a swap or a one-digit typo. */
        BIRTH_DATE_DIFFERS,
        /** Both carry an SSN and the SSNs are not the same. */
        SSN_DIFFERS
    }

    private OverlayGuard() {
    }

    static Set<Risk> risks(MpiRecord a, MpiRecord b) {
        Set<Risk> risks = EnumSet.noneOf(Risk.class);
        if (Comparators.exact(a.sex(), b.sex()) == 0) {
            risks.add(Risk.SEX_DIFFERS);
        }
        int dob = Comparators.birthDate(a.birthDate(), b.birthDate());
        if (dob != Comparators.MISSING && dob < 2) {
            risks.add(Risk.BIRTH_DATE_DIFFERS);
        }
        // Even one digit: two SSNs one keystroke apart may be two people, and an SSN mistake is
        // for a person to correct, not for a merge to paper over.
        int ssn = Comparators.identifier(a.ssn(), b.ssn());
        if (ssn != Comparators.MISSING && ssn < 2) {
            risks.add(Risk.SSN_DIFFERS);
        }
        return risks;
    }

    static boolean allowsAutomaticMerge(MpiRecord a, MpiRecord b) {
        return risks(a, b).isEmpty();
    }
}
