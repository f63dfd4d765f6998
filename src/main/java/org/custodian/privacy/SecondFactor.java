package org.custodian.privacy;

/**
 * The second factor of a sign-in with a password (HIPAA 45 CFR 164.312(d), person or entity
 * authentication): what a user must still do after the right password. The staff module implements
 * it (TOTP); the sign-in form asks it and, unless the answer is {@link Step#NONE}, signs the user in
 * only as {@link PendingSecondFactor}, which may open nothing but the second-factor pages.
 */
public interface SecondFactor {

    /** What follows a right password. */
    enum Step {
        /** Nothing: the account has no second factor and the policy requires none for its roles. */
        NONE,
        /** Enter a code from the enrolled authenticator (or a recovery code). */
        VERIFY,
        /** Enrol an authenticator first: the policy requires one for the account's roles, or an administrator reset it. */
        ENROL
    }

    /** The page where the user enters a code. */
    String VERIFY_PATH = "/login/second-factor";
    /** The page where the user enrols an authenticator. */
    String ENROL_PATH = "/login/second-factor/enrol";

    Step after(String username);
}
