/**
 * Reimbursement: the MS-DRG grouper (v43.0 and v43.1, chosen by discharge date) written from CMS's
 * tables under {@code reference/ms-drg-v43}. Public API: {@link org.custodian.reimbursement.Grouper},
 * {@link org.custodian.reimbursement.Claim}, {@link org.custodian.reimbursement.GroupingResult},
 * {@link org.custodian.reimbursement.DrgExplanation}, and the Medicare Code Editor v43
 * {@link org.custodian.reimbursement.CodeEditor} with its findings {@link org.custodian.reimbursement.McEdit}. Everything else is in {@code internal}.
 */
package org.custodian.reimbursement;
