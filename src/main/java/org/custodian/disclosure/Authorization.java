package org.custodian.disclosure;

import java.time.LocalDate;
import java.util.Set;
import org.custodian.chart.Sensitivity;

/**
 * A patient's authorization as received, with the core elements of 45 CFR 164.508(c)(1).
 *
 * @param description             a specific and meaningful description of the information (c)(1)(i)
 * @param discloser               who is authorized to make the disclosure (c)(1)(ii)
 * @param recipient               to whom the disclosure may be made (c)(1)(iii)
 * @param purpose                 the purpose of the disclosure (c)(1)(iv)
 * @param expiresOn               expiration date, or null when an expiration event is given (c)(1)(v)
 * @param expirationEvent         expiration event, e.g. "end of the litigation" (c)(1)(v)
 * @param signedBy                who signed (c)(1)(vi)
 * @param signedOn                the date of the signature (c)(1)(vi)
 * @param signedByRepresentative  whether a personal representative signed for the patient
 * @param representativeAuthority the representative's authority to act, e.g. "health care power of attorney" (c)(1)(vi)
 * @param namedSensitivities      sensitive categories the authorization names specifically (164.508(a)(2), 42 CFR 2.31)
 */
public record Authorization(String description, String discloser, String recipient, String purpose,
                            LocalDate expiresOn, String expirationEvent, String signedBy, LocalDate signedOn,
                            Boolean signedByRepresentative, String representativeAuthority,
                            Set<Sensitivity> namedSensitivities) {

    public Authorization {
        signedByRepresentative = Boolean.TRUE.equals(signedByRepresentative);
        namedSensitivities = namedSensitivities == null ? Set.of() : Set.copyOf(namedSensitivities);
    }
}
