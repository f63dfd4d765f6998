package org.custodian.coding.internal;

import java.time.Instant;

/**
 * One encounter on the coder worklist. {@code expectedReimbursementIndex} is relative, not dollars
 * (see {@link JdbcWorklist#EXPECTED_INDEX}).
 */
public record WorklistItem(long encounterId, long patientId, String encounterClass, Instant dischargeAt,
                           long daysSinceDischarge, String status, String coder, double expectedReimbursementIndex) {
}
