package org.custodian.interop.internal.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.PatientIdentifier;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Patient → a registration: the official name (family and a given name required), a full birth
 * date, sex, the SSN when it is one, the source's identifiers, first address and phone. No MRN:
 * the registry assigns it.
 */
@Component
class FhirPatientMapper {

    private static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";

    private final BundleEntryValidator validator;

    FhirPatientMapper(BundleEntryValidator validator) {
        this.validator = validator;
    }

    void patient(ImportPlan plan, int i, Patient p) {
        HumanName name = p.getName().stream().filter(n -> n.getUse() == HumanName.NameUse.OFFICIAL).findFirst()
                .orElse(p.hasName() ? p.getNameFirstRep() : null);
        if (name == null || !name.hasFamily() || !name.hasGiven()) {
            throw BundleRejected.entry(i, "Patient", "name", IssueType.REQUIRED, "a family and a given name are required");
        }
        String given = name.getGiven().get(0).getValue();
        String middle = name.getGiven().size() > 1
                ? String.join(" ", name.getGiven().subList(1, name.getGiven().size()).stream().map(x -> x.getValue()).toList())
                : null;
        if (!p.hasBirthDate() || p.getBirthDateElement().getPrecision() != TemporalPrecisionEnum.DAY) {
            throw BundleRejected.entry(i, "Patient", "birthDate", IssueType.REQUIRED, "a full birth date is required");
        }
        LocalDate birthDate = LocalDate.parse(p.getBirthDateElement().getValueAsString());
        AdministrativeSex sex = switch (p.hasGender() ? p.getGender().toCode() : "unknown") {
            case "male" -> AdministrativeSex.M;
            case "female" -> AdministrativeSex.F;
            case "other" -> AdministrativeSex.O;
            default -> AdministrativeSex.U;
        };
        String ssn = null;
        List<PatientIdentifier> ids = new ArrayList<>();
        for (Identifier identifier : p.getIdentifier()) {
            if (!identifier.hasSystem() || !identifier.hasValue()) {
                continue;
            }
            if (SSN_SYSTEM.equals(identifier.getSystem()) && identifier.getValue().matches("[0-9]{3}-?[0-9]{2}-?[0-9]{4}")) {
                ssn = identifier.getValue();
                continue;
            }
            String kind = identifier.getType().getCodingFirstRep().getCode();
            ids.add(new PatientIdentifier(identifier.getSystem(), identifier.getValue(),
                    kind == null ? "SOURCE" : kind));
        }
        var a = p.getAddressFirstRep();
        String line = a.getLine().isEmpty() ? null : String.join(" ", a.getLine().stream().map(x -> x.getValue()).toList());
        String postal = a.getPostalCode() != null && a.getPostalCode().matches("[0-9]{5}(-[0-9]{4})?") ? a.getPostalCode() : null;
        Address address = p.hasAddress() ? new Address(line, a.getCity(), UsStates.code(a.getState()), postal) : null;
        String phone = p.getTelecom().stream().filter(t -> t.getSystem() != null && "phone".equals(t.getSystem().toCode()))
                .map(t -> t.getValue()).filter(v -> v != null && v.matches("[0-9()+. -]{7,25}")).findFirst().orElse(null);
        NewPatient patient = new NewPatient(null, null, given, middle, name.getFamily(), birthDate, sex, ssn, address,
                phone, ids);
        validator.validate(i, "Patient", patient);
        plan.patient(i, patient);
    }
}
