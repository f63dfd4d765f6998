package org.custodian.staff;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A continuing-education activity; {@code certificateName} is null until a certificate is attached. */
public record CeActivity(long id, String username, LocalDate completedOn, String title, String provider,
                         BigDecimal ceus, String domain, boolean hiimDomain, String certificateName) {
}
