package org.custodian.interop.internal.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.custodian.chart.ParticipantRole;
import org.custodian.chart.EncounterClass;
import org.custodian.chart.NewEncounter;
import org.custodian.interop.internal.fhir.BundleIndex.Ref;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/**
 * Encounter → a visit of the chart: its patient (required), period (a start; an end not before
 * it), class (inpatient, emergency, else outpatient), the first participant as attending (the
 * one typed ATND if any), participants typed ATND, ADM and CON as the chart's attending, admitting
 * and consulting references (by NPI when the bundle's Practitioner has one), the type as service. Practitioner and Organization references must resolve as well.
 */
@Component
class FhirEncounterMapper {

    private final BundleEntryValidator validator;

    FhirEncounterMapper(BundleEntryValidator validator) {
        this.validator = validator;
    }

    void encounter(BundleIndex index, ImportPlan plan, int i, Encounter e) {
        Ref patient = index.required(i, "Encounter", "subject", e.getSubject(), "Patient");
        if (!e.hasPeriod() || !e.getPeriod().hasStart()) {
            throw BundleRejected.entry(i, "Encounter", "period.start", IssueType.REQUIRED, "the start of the encounter is required");
        }
        Instant admit = e.getPeriod().getStart().toInstant();
        Instant discharge = e.getPeriod().hasEnd() ? e.getPeriod().getEnd().toInstant() : null;
        if (discharge != null && discharge.isBefore(admit)) {
            throw BundleRejected.entry(i, "Encounter", "period.end", IssueType.INVARIANT, "ends before it starts");
        }
        EncounterClass kind = switch (e.getClass_().getCode() == null ? "" : e.getClass_().getCode()) {
            case "IMP", "ACUTE", "NONAC", "OBSENC", "PRENC" -> EncounterClass.INPATIENT;
            case "EMER" -> EncounterClass.EMERGENCY;
            default -> EncounterClass.OUTPATIENT;
        };
        String attending = null;
        boolean attendingTyped = false;
        List<ImportPlan.Participant> typed = new ArrayList<>();
        for (int p = 0; p < e.getParticipant().size(); p++) {
            var participant = e.getParticipant().get(p);
            Ref who = index.resolve(i, "Encounter", "participant[" + p + "].individual", participant.getIndividual(), "Practitioner");
            // The attending (v3-ParticipationType ATND) when typed, else the first participant; the chart
            // resolves the name to its provider-directory reference.
            boolean typedAttending = participant.getType().stream().flatMap(t -> t.getCoding().stream())
                    .anyMatch(c -> "ATND".equals(c.getCode()));
            // Typed participants become references (attending, admitting, consulting), by NPI when the bundle has it.
            for (ParticipantRole role : roles(participant)) {
                String name = who == null ? participant.getIndividual().getDisplay() : index.practitionerName(who);
                String npi = who == null ? null : index.practitionerNpi(who);
                if (npi != null || name != null && !name.isBlank()) {
                    typed.add(new ImportPlan.Participant(role, npi, FhirText.truncate(name, 200)));
                }
            }
            if (attending == null || typedAttending && !attendingTyped) {
                attending = who == null ? participant.getIndividual().getDisplay() : index.practitionerName(who);
                attendingTyped = typedAttending;
            }
        }
        index.resolve(i, "Encounter", "serviceProvider", e.getServiceProvider(), "Organization");
        String service = e.hasType() ? FhirText.text(e.getTypeFirstRep()) : null;
        NewEncounter encounter = new NewEncounter(0, null, kind, admit, discharge, FhirText.truncate(attending, 200),
                FhirText.truncate(service, 100), null);
        validator.validate(i, "Encounter", encounter);
        plan.encounter(i, encounter, patient, typed);
    }

    /** v3-ParticipationType ATND (attender, PV1-7), ADM (admitter, PV1-17), CON (consultant, PV1-9). */
    private static List<ParticipantRole> roles(Encounter.EncounterParticipantComponent participant) {
        List<ParticipantRole> roles = new ArrayList<>();
        participant.getType().stream().flatMap(t -> t.getCoding().stream()).forEach(c -> {
            ParticipantRole role = c.getCode() == null ? null : switch (c.getCode()) {
                case "ATND" -> ParticipantRole.ATTENDING;
                case "ADM" -> ParticipantRole.ADMITTING;
                case "CON" -> ParticipantRole.CONSULTING;
                default -> null;
            };
            if (role != null && !roles.contains(role)) {
                roles.add(role);
            }
        });
        return roles;
    }
}
