package org.custodian.mpi.internal;

import java.util.List;
import java.util.function.Function;

/**
 * The fields the master patient index compares, each with its comparator and the names of its
 * agreement levels (index = level). Address parts and postcode/suburb/state are separate fields so
 * that a move (new street, same suburb) still counts the parts that agree.
 */
public enum MatchField {
    GIVEN_NAME(List.of("different", "similar", "close or nickname", "exact"), true, MpiRecord::givenName),
    FAMILY_NAME(List.of("different", "similar", "close", "exact"), true, MpiRecord::familyName),
    BIRTH_DATE(List.of("different", "two digits differ", "one typo", "day and month swapped", "exact"), false, MpiRecord::birthDate),
    SEX(List.of("different", "same"), false, MpiRecord::sex),
    SSN(List.of("different", "one typo", "exact"), false, MpiRecord::ssn),
    STREET_NUMBER(List.of("different", "one typo", "exact"), false, MpiRecord::streetNumber),
    ADDRESS_1(List.of("different", "close", "exact"), false, MpiRecord::address1),
    ADDRESS_2(List.of("different", "close", "exact"), false, MpiRecord::address2),
    CITY(List.of("different", "close", "exact"), true, MpiRecord::city),
    POSTCODE(List.of("different", "one typo", "exact"), true, MpiRecord::postcode),
    STATE(List.of("different", "same"), false, MpiRecord::state),
    PHONE(List.of("different", "one typo", "exact"), false, MpiRecord::phone);

    private final List<String> levels;
    private final boolean frequencyAdjusted;
    private final Function<MpiRecord, String> value;

    MatchField(List<String> levels, boolean frequencyAdjusted, Function<MpiRecord, String> value) {
        this.levels = levels;
        this.frequencyAdjusted = frequencyAdjusted;
        this.value = value;
    }

    public int levelCount() {
        return levels.size();
    }

    public String levelName(int level) {
        return level < 0 ? "missing" : levels.get(level);
    }

    /** Whether exact agreement is weighted by how rare the shared value is. */
    boolean frequencyAdjusted() {
        return frequencyAdjusted;
    }

    String value(MpiRecord r) {
        return value.apply(r);
    }

    int compare(MpiRecord a, MpiRecord b, Nicknames nicknames) {
        String x = value(a);
        String y = value(b);
        return switch (this) {
            case GIVEN_NAME -> Comparators.givenName(x, y, nicknames);
            case FAMILY_NAME -> Comparators.familyName(x, y);
            case BIRTH_DATE -> Comparators.birthDate(x, y);
            case SSN, STREET_NUMBER, POSTCODE, PHONE -> Comparators.identifier(x, y);
            case ADDRESS_1, ADDRESS_2, CITY -> Comparators.text(x, y);
            case SEX, STATE -> Comparators.exact(x, y);
        };
    }
}
