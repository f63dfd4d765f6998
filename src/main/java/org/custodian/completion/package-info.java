/**
 * Record completion: deficiency rules as versioned data, automatic and manual deficiencies, the
 * analyst's worklist, the physician's inbox, delinquency and the escalation ladder
 * (42 CFR 482.24(c), 482.22(c)(5), 482.51(b)(6)).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Record completion")
package org.custodian.completion;
