package org.custodian.practicum;

/** The answer key for one item: the right choice, what was planted, and the rule that decides it. */
public record KeyEntry(String itemId, String answer, String planted, String rule) {
}
