package org.custodian.interop.internal.fhir;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.stereotype.Component;

/** Organization and Practitioner: the sending system's directory, kept by interop itself (name, place, NPI). */
@Component
class FhirDirectoryMapper {

    private static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";

    void organization(ImportPlan plan, int i, Organization o) {
        if (!o.hasName() || o.getName().isBlank()) {
            throw BundleRejected.entry(i, "Organization", "name", IssueType.REQUIRED, "a name is required");
        }
        var address = o.getAddressFirstRep();
        plan.organization(i, o.getName(), address.getCity(), address.getState());
    }

    void practitioner(ImportPlan plan, int i, Practitioner p) {
        String name = p.hasName() ? FhirText.displayName(p.getNameFirstRep()) : null;
        if (name == null || name.isBlank()) {
            throw BundleRejected.entry(i, "Practitioner", "name", IssueType.REQUIRED, "a name is required");
        }
        plan.practitioner(i, npi(p), name);
    }

    /** The practitioner's NPI (identifier system http://hl7.org/fhir/sid/us-npi), trimmed, else null. */
    static String npi(Practitioner p) {
        return p.getIdentifier().stream().filter(id -> NPI_SYSTEM.equals(id.getSystem()))
                .map(Identifier::getValue).filter(v -> v != null && !v.isBlank()).map(String::trim).findFirst().orElse(null);
    }
}
