package org.custodian.coding;

/**
 * One line of a CMS order file for one fiscal year. {@code billable} is CMS's flag: 1 for a code
 * valid for submission (HIPAA-covered transactions), 0 for a header (category or subcategory that
 * needs more characters). {@code chapter} is the ICD-10-CM chapter or the ICD-10-PCS section.
 */
public record CodeEntry(CodeSystem system, int fiscalYear, int orderNumber, String code, String dotted,
        boolean billable, String shortDescription, String longDescription, String chapter) {
}
