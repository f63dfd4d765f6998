package org.custodian.audit;

/** What was done. */
public enum AuditAction {
    READ, SEARCH, CREATE, UPDATE, EXPORT, SIGN, LOGIN, LOGIN_FAILED, LOGOUT, ACCESS_DENIED, VERIFY, ADMIN
}
