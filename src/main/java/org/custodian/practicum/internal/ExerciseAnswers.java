package org.custodian.practicum.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.practicum.ExerciseKind;

/**
 * What a student may save as an answer, per kind: a choice per item (MPI, privacy audit); a code or
 * POA indicator per field of a chart's abstract (coding: {@code C1.pdx}, {@code C1.sdxPoa2}, {@code C1.px0});
 * a decision and a due date per request (release of information: {@code R1}, {@code R1.due}).
 * Returns the value to keep, or null when the field was emptied. Codes are kept as typed (an invalid
 * code is the student's mistake to be graded, as a coder's is reported by the edits, not refused).
 */
final class ExerciseAnswers {

    private static final Pattern CODING_FIELD = Pattern.compile("([A-Z][0-9]+)\\.(pdx|pdxPoa|sdx([0-9])|sdxPoa([0-9])|px([0-9]))");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9.]{1,8}");
    private static final Set<String> POA = Set.of("Y", "N", "U", "W", "1");

    private ExerciseAnswers() {
    }

    static String check(ExerciseKind kind, Set<String> itemIds, String field, String value) {
        String v = value == null ? "" : value.strip();
        switch (kind) {
            case CODING -> {
                Matcher m = CODING_FIELD.matcher(field);
                if (!m.matches() || !itemIds.contains(m.group(1))) {
                    throw new IllegalArgumentException("answers: no field '" + field + "' in this exercise");
                }
                int row = m.group(3) != null ? Integer.parseInt(m.group(3)) : m.group(4) != null ? Integer.parseInt(m.group(4))
                        : m.group(5) != null ? Integer.parseInt(m.group(5)) : 0;
                if ((m.group(5) != null && row >= CodingGrader.PROCEDURE_ROWS) || row >= CodingGrader.SECONDARY_ROWS) {
                    throw new IllegalArgumentException("answers: no field '" + field + "' in this exercise");
                }
                if (v.isEmpty()) {
                    return null;
                }
                if (m.group(2).contains("Poa")) {
                    String poa = v.toUpperCase(Locale.ROOT);
                    if (!POA.contains(poa)) {
                        throw new IllegalArgumentException("answers." + field + ": a POA indicator is Y, N, U, W or 1");
                    }
                    return poa;
                }
                if (!CODE.matcher(v).matches()) {
                    throw new IllegalArgumentException("answers." + field + ": a code is 1 to 8 letters, digits and a dot");
                }
                return v.toUpperCase(Locale.ROOT);
            }
            case RELEASE_OF_INFORMATION -> {
                boolean due = field.endsWith(RoiExerciseGenerator.DUE);
                String item = due ? field.substring(0, field.length() - RoiExerciseGenerator.DUE.length()) : field;
                if (!itemIds.contains(item)) {
                    throw new IllegalArgumentException("answers: no item '" + item + "' in this exercise");
                }
                if (v.isEmpty()) {
                    return null;
                }
                if (due) {
                    try {
                        return LocalDate.parse(v).toString();
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("answers." + field + ": a date as yyyy-mm-dd");
                    }
                }
                if (!kind.choices().contains(v)) {
                    throw new IllegalArgumentException("answers." + field + ": one of " + kind.choices());
                }
                return v;
            }
            default -> {
                if (!itemIds.contains(field)) {
                    throw new IllegalArgumentException("answers: no item '" + field + "' in this exercise");
                }
                if (v.isEmpty()) {
                    return null;
                }
                if (!kind.choices().contains(v)) {
                    throw new IllegalArgumentException("answers." + field + ": one of " + kind.choices());
                }
                return v;
            }
        }
    }
}
