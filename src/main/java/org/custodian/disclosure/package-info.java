/**
 * Release of information and the accounting of disclosures: requests and their clocks
 * (45 CFR 164.524(b)), authorization checks (164.508(c)), legal process (164.512(e)), sensitive
 * records segmentation (164.508(a)(2), 42 CFR 2.31), fees (164.524(c)(4)), the PDF packet, and
 * the accounting of disclosures (164.528).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Release of information")
package org.custodian.disclosure;
