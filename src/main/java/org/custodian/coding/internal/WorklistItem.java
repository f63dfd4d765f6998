package org.custodian.coding.internal;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One encounter on the coder worklist, with its kept MS-DRG and expected payment in dollars when it
 * has one (inpatient stays; see {@link JdbcWorklist#EXPECTED}).
 *
 * @param drg             the MS-DRG ("193"), null when none
 * @param drgStage        "working" (abstract in progress), "working, from documentation" (not coded yet), or null
 * @param expectedPayment weight × blended base rate, dollars; null when none
 * @param drgNote         why there is no DRG or no payment ("grouper v44 not loaded"), or null
 */
public record WorklistItem(long encounterId, long patientId, String encounterClass, Instant dischargeAt,
                           long daysSinceDischarge, String status, String coder, String drg, String drgStage,
                           BigDecimal expectedPayment, String drgNote) {
}
