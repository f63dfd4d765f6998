package org.custodian.cdi.internal;

import java.math.BigDecimal;

/**
 * A stay's working MS-DRG as the CDI case page shows it ({@link WorkingDrgs}).
 *
 * @param stage       "final", "working" (the coding module's) or "CDI estimate" (CDI's grouping)
 * @param version     the grouper version ("43.1"), null when not grouped
 * @param provisional grouped with another fiscal year's grouper (see {@code note})
 * @param payment     expected payment in dollars, null without a base rate
 * @param note        why it is provisional, or why it is not grouped
 */
public record WorkingDrg(String drg, String title, String stage, String version, boolean provisional, BigDecimal weight,
                         BigDecimal payment, String severity, String note) {
}
