package org.custodian.chart.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/** A kept resource as a line a person reads: when, what, value, detail, status (HAPI FHIR structures). */
final class RecordRows {

    /** One line. */
    record Row(Instant when, String what, String value, String detail, String status) {
    }

    private RecordRows() {
    }

    static Row row(Resource r) {
        if (r instanceof Observation o) {
            String value = value(o.getValue());
            if (o.hasComponent() && !o.hasValue()) {
                List<String> parts = new ArrayList<>();
                for (var c : o.getComponent()) {
                    if (c.hasValue()) {
                        parts.add(text(c.getCode()) + " " + value(c.getValue()));
                    }
                }
                value = String.join("; ", parts);
            }
            String flag = o.hasInterpretation() ? text(o.getInterpretationFirstRep()) : "";
            return new Row(when(o.getEffective()), text(o.getCode()), value, flag, o.hasStatus() ? o.getStatus().getDisplay() : "");
        }
        if (r instanceof DiagnosticReport d) {
            List<String> results = new ArrayList<>();
            d.getResult().forEach(ref -> results.add(ref.hasDisplay() ? ref.getDisplay() : ""));
            results.removeIf(String::isBlank);
            return new Row(when(d.getEffective()), text(d.getCode()), d.hasConclusion() ? d.getConclusion() : String.join("; ", results),
                    d.hasResult() ? d.getResult().size() + " result(s)" : "", d.hasStatus() ? d.getStatus().getDisplay() : "");
        }
        if (r instanceof MedicationRequest m) {
            String what = m.getMedication() instanceof CodeableConcept c ? text(c) : display(m.getMedication());
            String dose = m.hasDosageInstruction() ? m.getDosageInstructionFirstRep().getText() : "";
            return new Row(m.hasAuthoredOn() ? m.getAuthoredOn().toInstant() : null, what, dose == null ? "" : dose,
                    m.hasIntent() ? m.getIntent().getDisplay() : "", m.hasStatus() ? m.getStatus().getDisplay() : "");
        }
        if (r instanceof MedicationAdministration m) {
            String what = m.getMedication() instanceof CodeableConcept c ? text(c) : display(m.getMedication());
            String dose = m.hasDosage() && m.getDosage().hasDose() ? value(m.getDosage().getDose()) : "";
            return new Row(when(m.getEffective()), what, dose, "administered", m.hasStatus() ? m.getStatus().toCode() : "");
        }
        if (r instanceof MedicationStatement m) {
            String what = m.getMedication() instanceof CodeableConcept c ? text(c) : display(m.getMedication());
            return new Row(when(m.getEffective()), what, "", "reported", m.hasStatus() ? m.getStatus().getDisplay() : "");
        }
        if (r instanceof AllergyIntolerance a) {
            String reaction = a.hasReaction() && a.getReactionFirstRep().hasManifestation() ? text(a.getReactionFirstRep().getManifestationFirstRep()) : "";
            return new Row(a.hasRecordedDate() ? a.getRecordedDate().toInstant() : null, text(a.getCode()), reaction,
                    a.hasCriticality() ? "criticality " + a.getCriticality().getDisplay().toLowerCase() : "",
                    a.hasClinicalStatus() ? text(a.getClinicalStatus()) : "");
        }
        if (r instanceof Immunization i) {
            return new Row(when(i.getOccurrence()), text(i.getVaccineCode()), i.hasLotNumber() ? "lot " + i.getLotNumber() : "", "",
                    i.hasStatus() ? i.getStatus().getDisplay() : "");
        }
        if (r instanceof Condition c) {
            return new Row(when(c.getOnset()), text(c.getCode()), "", c.hasAbatement() ? "resolved " + date(when(c.getAbatement())) : "",
                    c.hasClinicalStatus() ? text(c.getClinicalStatus()) : "");
        }
        if (r instanceof Procedure p) {
            return new Row(when(p.getPerformed()), text(p.getCode()), p.hasReasonCode() ? "for " + text(p.getReasonCodeFirstRep()) : "",
                    "", p.hasStatus() ? p.getStatus().getDisplay() : "");
        }
        if (r instanceof ImagingStudy s) {
            List<String> series = new ArrayList<>();
            s.getSeries().forEach(x -> series.add(x.hasModality() ? x.getModality().getDisplay() : "")
            );
            series.removeIf(x -> x == null || x.isBlank());
            return new Row(s.hasStarted() ? s.getStarted().toInstant() : null,
                    s.hasProcedureCode() ? text(s.getProcedureCodeFirstRep()) : "Imaging study", String.join("; ", series),
                    s.getNumberOfInstances() > 0 ? s.getNumberOfInstances() + " image(s)" : "", s.hasStatus() ? s.getStatus().getDisplay() : "");
        }
        if (r instanceof CarePlan p) {
            List<String> activities = new ArrayList<>();
            p.getActivity().forEach(a -> activities.add(text(a.getDetail().getCode())));
            return new Row(p.hasPeriod() && p.getPeriod().hasStart() ? p.getPeriod().getStart().toInstant() : null,
                    p.hasCategory() ? text(p.getCategory().get(p.getCategory().size() - 1)) : "Care plan",
                    String.join("; ", activities), "", p.hasStatus() ? p.getStatus().getDisplay() : "");
        }
        if (r instanceof CareTeam t) {
            List<String> members = new ArrayList<>();
            t.getParticipant().forEach(p -> members.add(display(p.getMember())));
            members.removeIf(String::isBlank);
            return new Row(t.hasPeriod() && t.getPeriod().hasStart() ? t.getPeriod().getStart().toInstant() : null,
                    t.hasReasonCode() ? "Care team for " + text(t.getReasonCodeFirstRep()) : "Care team", String.join("; ", members), "",
                    t.hasStatus() ? t.getStatus().getDisplay() : "");
        }
        if (r instanceof Goal g) {
            return new Row(g.hasStartDateType() ? g.getStartDateType().getValue().toInstant() : null, text(g.getDescription()), "", "",
                    g.hasLifecycleStatus() ? g.getLifecycleStatus().getDisplay() : "");
        }
        if (r instanceof Device d) {
            String name = d.hasDeviceName() ? d.getDeviceNameFirstRep().getName() : text(d.getType());
            return new Row(d.hasManufactureDate() ? d.getManufactureDate().toInstant() : null, name,
                    d.hasUdiCarrier() && d.getUdiCarrierFirstRep().hasDeviceIdentifier() ? "UDI " + d.getUdiCarrierFirstRep().getDeviceIdentifier() : "",
                    "", d.hasStatus() ? d.getStatus().getDisplay() : "");
        }
        if (r instanceof Claim c) {
            return new Row(c.hasBillablePeriod() && c.getBillablePeriod().hasStart() ? c.getBillablePeriod().getStart().toInstant() : null,
                    "Claim" + (c.hasType() ? " (" + text(c.getType()) + ")" : ""), money(c.getTotal()),
                    c.hasItem() ? c.getItem().size() + " item(s)" : "", c.hasStatus() ? c.getStatus().getDisplay() : "");
        }
        if (r instanceof ExplanationOfBenefit e) {
            String paid = e.hasPayment() ? money(e.getPayment().getAmount()) : "";
            return new Row(e.hasBillablePeriod() && e.getBillablePeriod().hasStart() ? e.getBillablePeriod().getStart().toInstant() : null,
                    "Explanation of benefit" + (e.hasInsurer() ? " from " + display(e.getInsurer()) : ""), paid.isEmpty() ? "" : "paid " + paid,
                    e.hasOutcome() ? e.getOutcome().getDisplay() : "", e.hasStatus() ? e.getStatus().getDisplay() : "");
        }
        return new Row(null, r.fhirType(), "", "", "");
    }

    private static String value(Type v) {
        if (v instanceof Quantity q) {
            return q.hasValue() ? q.getValue().toPlainString() + (q.hasUnit() ? " " + q.getUnit() : "") : "";
        }
        if (v instanceof CodeableConcept c) {
            return text(c);
        }
        return v != null && v.isPrimitive() ? v.primitiveValue() : "";
    }

    private static String money(Money m) {
        return m == null || !m.hasValue() ? "" : m.getValue().toPlainString() + (m.hasCurrency() ? " " + m.getCurrency() : "");
    }

    private static String display(Type t) {
        return t instanceof org.hl7.fhir.r4.model.Reference ref && ref.hasDisplay() ? ref.getDisplay() : "";
    }

    static String date(Instant i) {
        return i == null ? "" : org.custodian.web.Fmt.date(i);
    }

    static Instant when(Type t) {
        if (t instanceof BaseDateTimeType d && d.getValue() != null) {
            return d.getValue().toInstant();
        }
        if (t instanceof Period p && p.hasStart()) {
            return p.getStart().toInstant();
        }
        return null;
    }

    static String text(CodeableConcept c) {
        if (c == null) {
            return "";
        }
        if (c.hasText()) {
            return c.getText();
        }
        var coding = c.getCodingFirstRep();
        return coding.hasDisplay() ? coding.getDisplay() : coding.hasCode() ? coding.getCode() : "";
    }
}
