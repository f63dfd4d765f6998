package org.custodian.interop.internal.fhir;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import org.custodian.chart.ClinicalDocument;
import org.custodian.chart.CodedFinding;
import org.custodian.chart.DocumentStatus;
import org.custodian.chart.DocumentSummary;
import org.custodian.chart.Encounter;
import org.custodian.chart.EncounterClass;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientIdentifier;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;

/**
 * Custodian's records as FHIR R4 resources. The logical id is Custodian's own id; the MRN is an
 * identifier of type MR. The SSN is never written out (minimum necessary, 45 CFR 164.502(b)).
 */
final class FhirResources {

    static final String MRN_SYSTEM = "urn:custodian:mrn:";
    static final String ENCOUNTER_NUMBER_SYSTEM = "urn:custodian:encounter-number";

    private FhirResources() {
    }

    static org.hl7.fhir.r4.model.Patient patient(Patient p) {
        var r = new org.hl7.fhir.r4.model.Patient();
        r.setId(String.valueOf(p.id()));
        r.addIdentifier().setSystem(MRN_SYSTEM + p.facility()).setValue(p.mrn())
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number")));
        for (PatientIdentifier i : p.identifiers()) {
            Identifier id = r.addIdentifier().setSystem(i.system()).setValue(i.value());
            id.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", i.type(), null)));
        }
        var name = r.addName().setUse(org.hl7.fhir.r4.model.HumanName.NameUse.OFFICIAL).setFamily(p.familyName()).addGiven(p.givenName());
        if (p.middleName() != null) {
            name.addGiven(p.middleName());
        }
        r.setGender(switch (p.sex()) {
            case F -> Enumerations.AdministrativeGender.FEMALE;
            case M -> Enumerations.AdministrativeGender.MALE;
            case O -> Enumerations.AdministrativeGender.OTHER;
            case U -> Enumerations.AdministrativeGender.UNKNOWN;
        });
        r.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(p.birthDate().toString()));
        if (p.address() != null && !p.address().oneLine().isEmpty()) {
            var a = r.addAddress().setCity(p.address().city()).setState(p.address().state()).setPostalCode(p.address().postalCode());
            if (p.address().line() != null) {
                a.addLine(p.address().line());
            }
        }
        if (p.phone() != null) {
            r.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue(p.phone());
        }
        return r;
    }

    static AdministrativeSex sex(String gender) {
        return switch (gender) {
            case "male" -> AdministrativeSex.M;
            case "female" -> AdministrativeSex.F;
            case "other" -> AdministrativeSex.O;
            case "unknown" -> AdministrativeSex.U;
            default -> null;
        };
    }

    static org.hl7.fhir.r4.model.Encounter encounter(Encounter e) {
        var r = new org.hl7.fhir.r4.model.Encounter();
        r.setId(String.valueOf(e.id()));
        r.addIdentifier().setSystem(ENCOUNTER_NUMBER_SYSTEM).setValue(e.encounterNumber());
        r.setStatus(e.discharged() ? org.hl7.fhir.r4.model.Encounter.EncounterStatus.FINISHED
                : org.hl7.fhir.r4.model.Encounter.EncounterStatus.INPROGRESS);
        r.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", actCode(e.encounterClass()), e.encounterClass().label()));
        r.setSubject(new Reference("Patient/" + e.patientId()));
        Period period = new Period().setStart(Date.from(e.admitAt()));
        if (e.dischargeAt() != null) {
            period.setEnd(Date.from(e.dischargeAt()));
        }
        r.setPeriod(period);
        if (e.attendingProvider() != null) {
            r.addParticipant().addType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "ATND", "attender")))
                    .setIndividual(new Reference().setDisplay(e.attendingProvider()));
        }
        if (e.service() != null) {
            r.setServiceType(new CodeableConcept().setText(e.service()));
        }
        if (e.dischargeDisposition() != null) {
            r.getHospitalization().setDischargeDisposition(new CodeableConcept(new Coding(
                    "https://www.nubc.org/CodeSystem/PatDischargeStatus", e.dischargeDisposition().code(), e.dischargeDisposition().label())));
        }
        return r;
    }

    static String actCode(EncounterClass c) {
        return switch (c) {
            case INPATIENT -> "IMP";
            case OUTPATIENT -> "AMB";
            case EMERGENCY -> "EMER";
        };
    }

    static Condition condition(CodedFinding f) {
        Condition r = new Condition();
        r.setId(String.valueOf(f.id()));
        r.setCode(new CodeableConcept(new Coding(f.system(), f.code(), f.display())));
        r.setSubject(new Reference("Patient/" + f.patientId()));
        if (f.encounterId() != null) {
            r.setEncounter(new Reference("Encounter/" + f.encounterId()));
        }
        if (f.recordedAt() != null) {
            r.setRecordedDate(Date.from(f.recordedAt()));
        }
        return r;
    }

    static Procedure procedure(CodedFinding f) {
        Procedure r = new Procedure();
        r.setId(String.valueOf(f.id()));
        r.setStatus(Procedure.ProcedureStatus.COMPLETED);
        r.setCode(new CodeableConcept(new Coding(f.system(), f.code(), f.display())));
        r.setSubject(new Reference("Patient/" + f.patientId()));
        if (f.encounterId() != null) {
            r.setEncounter(new Reference("Encounter/" + f.encounterId()));
        }
        if (f.performedAt() != null) {
            r.setPerformed(new DateTimeType(Date.from(f.performedAt())));
        }
        return r;
    }

    /** A document as listed: its attachment points to the full read, which carries the text. */
    static DocumentReference document(DocumentSummary d) {
        DocumentReference r = documentBase(d.id(), d.patientId(), d.encounterId(), d.loincCode(), d.title(), d.author(),
                d.status(), d.createdAt());
        r.addContent().getAttachment().setContentType("text/plain; charset=utf-8").setUrl("DocumentReference/" + d.id());
        return r;
    }

    static DocumentReference document(ClinicalDocument d) {
        DocumentReference r = documentBase(d.id(), d.patientId(), d.encounterId(), d.loincCode(), d.title(), d.author(),
                d.status(), d.createdAt());
        r.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
                .setData(d.text().getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static DocumentReference documentBase(long id, long patientId, Long encounterId, String loinc, String title,
                                                  String author, DocumentStatus status, java.time.Instant created) {
        DocumentReference r = new DocumentReference();
        r.setId(String.valueOf(id));
        r.setStatus(status == DocumentStatus.CANCELLED ? Enumerations.DocumentReferenceStatus.ENTEREDINERROR
                : Enumerations.DocumentReferenceStatus.CURRENT);
        r.setDocStatus(switch (status) {
            case DRAFT, UNSIGNED, CANCELLED -> DocumentReference.ReferredDocumentStatus.PRELIMINARY;
            case SIGNED -> DocumentReference.ReferredDocumentStatus.FINAL;
            case AMENDED -> DocumentReference.ReferredDocumentStatus.AMENDED;
        });
        r.setType(new CodeableConcept(new Coding("http://loinc.org", loinc, title)));
        r.setSubject(new Reference("Patient/" + patientId));
        r.setDate(Date.from(created));
        r.addAuthor().setDisplay(author);
        if (encounterId != null) {
            r.getContext().addEncounter(new Reference("Encounter/" + encounterId));
        }
        return r;
    }
}
