package org.custodian.privacy;

/**
 * Encryption at rest of the most sensitive columns (SSNs, TOTP secrets; HIPAA 45 CFR 164.312(a)(2)(iv),
 * encryption and decryption; issue 22): AES-256-GCM with an application key kept outside the database
 * ({@code custodian.security.data-key} or its key file), so a copy of the database or of its backups does
 * not give them away. A stored value reads {@code v1:<key id>:<base64 of nonce, ciphertext and tag>}; the
 * {@code context} (e.g. {@code patient.ssn}) is bound in as associated data, so a value copied into another
 * column does not decrypt. Earlier keys stay readable while a rotation re-encrypts ({@link #isCurrent}).
 */
public interface FieldEncryption {

    /** The stored form of {@code plaintext}; null stays null. */
    String encrypt(String plaintext, String context);

    /**
     * The plaintext of a stored value; null stays null. A value written before encryption (no {@code v1:}
     * prefix) is returned as it is, until the start-up re-encryption has rewritten it.
     */
    String decrypt(String stored, String context);

    /**
     * A keyed hash (HMAC-SHA-256, hex) for exact matching without decrypting (a lookup by SSN); null stays null.
     * Its key is derived from the current data key, so a rotation rewrites the hashes with the values.
     */
    String keyedHash(String plaintext, String context);

    /** Whether {@code stored} is encrypted under the current key (false for plaintext and for earlier keys). */
    boolean isCurrent(String stored);
}
