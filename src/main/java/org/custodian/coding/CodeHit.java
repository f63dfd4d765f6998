package org.custodian.coding;

/** One encoder result: the dotted code, its long description, billable or header, its chapter. */
public record CodeHit(String code, String description, boolean billable, String chapter) {
}
