package org.custodian.reimbursement;

/**
 * One Medicare Code Editor finding.
 *
 * @param number      the edit's number in CMS's "Definitions of Medicare Code Edits" (e.g. 4 age conflict)
 * @param name        the edit's name in that manual ("Age conflict")
 * @param code        the code that set it off (no dot), or the field's value for claim-level edits
 *                    (age, sex, discharge status)
 * @param field       where it is on the claim: PDX, SDX, PROC, AGE, SEX, DISCHARGE_STATUS
 * @param explanation why, in words a coder can act on
 */
public record McEdit(int number, String name, String code, String field, String explanation) {

    @Override
    public String toString() {
        return number + " " + name + " " + field + " " + code;
    }
}
