/**
 * Retention and legal holds: retention schedules by record type, age at service and jurisdiction;
 * the destruction worklist; destruction after two approvals with a certificate of destruction; legal
 * holds on a patient or an encounter that block destruction and amendment. Depends on the chart
 * (through {@link org.custodian.chart.RecordDestruction}, and implementing
 * {@link org.custodian.chart.LegalHoldCheck}); nothing depends on it. Everything is internal.
 */
package org.custodian.retention;
