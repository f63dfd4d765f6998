/**
 * Privacy monitoring: the review of information-system activity HIPAA requires (45 CFR
 * 164.308(a)(1)(ii)(D)). Each chart access in the audit log is explained with the reasons every
 * module gives ({@link org.custodian.AccessReasons}); what stays unexplained is scored by rules kept
 * as data, and the privacy officer works the alerts as cases. Also the patient's access report.
 * Sits above the other modules; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy monitoring")
package org.custodian.monitoring;
