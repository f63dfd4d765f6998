/**
 * Operations: backup and restore of the database with the audit checkpoints that vouch for it, and the
 * restore drill's report of what a restore lost. Sits above the other modules; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operations")
package org.custodian.operations;
