package org.custodian.demo;

import java.util.List;

/**
 * The truth about one duplicate registration: the registration at index {@code registration}
 * (MRN {@code mrn}) is the same person as the earlier one at {@code original} (MRN
 * {@code originalMrn}), entered again with the discrepancies listed.
 */
public record DuplicateRegistration(int registration, int original, String mrn, String originalMrn,
                                    List<Discrepancy> discrepancies) {

    /** The ways a registration clerk gets a returning patient wrong. */
    public enum Discrepancy {
        /** Two adjacent letters of the given or family name swapped ("Jonhson"). */
        TRANSPOSED_LETTERS,
        /** The given name registered as a nickname ("Bill" for "William"). */
        NICKNAME,
        /** Day and month of the birth date swapped (03/07 for 07/03). */
        DAY_MONTH_SWAPPED,
        /** One digit of the SSN mistyped. */
        SSN_DIGIT_TYPO,
        /** No SSN given this time. */
        SSN_MISSING,
        /** The patient moved: another address and phone. */
        ADDRESS_CHANGED
    }
}
