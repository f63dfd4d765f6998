package org.custodian.disclosure;

/**
 * Legal process behind a request for judicial or administrative proceedings (45 CFR 164.512(e)).
 *
 * @param subpoena              a subpoena, discovery request or other lawful process was received
 * @param courtOrder            an order of a court or administrative tribunal was received (164.512(e)(1)(i))
 * @param satisfactoryAssurance satisfactory assurance that the patient was notified or a qualified
 *                              protective order was sought (164.512(e)(1)(ii)(A)/(B))
 */
public record LegalProcess(Boolean subpoena, Boolean courtOrder, Boolean satisfactoryAssurance) {

    /** An absent flag (JSON omitted it) is false. */
    public LegalProcess {
        subpoena = Boolean.TRUE.equals(subpoena);
        courtOrder = Boolean.TRUE.equals(courtOrder);
        satisfactoryAssurance = Boolean.TRUE.equals(satisfactoryAssurance);
    }

    public static final LegalProcess NONE = new LegalProcess(false, false, false);

    public boolean any() {
        return subpoena || courtOrder;
    }
}
