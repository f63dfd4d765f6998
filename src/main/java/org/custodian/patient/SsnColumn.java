package org.custodian.patient;

import org.custodian.privacy.FieldEncryption;
import org.springframework.stereotype.Component;

/**
 * The patient's SSN at rest (issue 22; HIPAA 45 CFR 164.312(a)(2)(iv)): {@code patient.ssn} holds it
 * encrypted ({@link FieldEncryption}, key outside the database) and {@code patient.ssn_hash} a keyed hash
 * of its nine digits for the index's exact lookups; the matcher compares decrypted values in memory.
 */
@Component
public class SsnColumn {

    static final String CONTEXT = "patient.ssn";

    private final FieldEncryption encryption;

    public SsnColumn(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    /** The nine digits, dashes dropped; null for none. */
    public static String digits(String ssn) {
        return ssn == null ? null : ssn.replace("-", "");
    }

    /** What goes in {@code patient.ssn}. */
    public String seal(String ssn) {
        return encryption.encrypt(digits(ssn), CONTEXT);
    }

    /** What goes in {@code patient.ssn_hash}, and what a lookup by SSN compares with it. */
    public String hash(String ssn) {
        return encryption.keyedHash(digits(ssn), CONTEXT);
    }

    /** The digits of a stored {@code patient.ssn}. */
    public String open(String stored) {
        return encryption.decrypt(stored, CONTEXT);
    }

    boolean isCurrent(String stored) {
        return encryption.isCurrent(stored);
    }
}
