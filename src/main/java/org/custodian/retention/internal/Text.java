package org.custodian.retention.internal;

/** Checks of free-text fields, naming the field and the rule. */
final class Text {

    private Text() {
    }

    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return value.strip();
    }
}
