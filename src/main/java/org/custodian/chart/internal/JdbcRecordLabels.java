package org.custodian.chart.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSummary;
import org.custodian.RecordLabels;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Visit numbers from the chart's encounters; names and MRNs from the patient module, in one audited search per list. */
@Component
class JdbcRecordLabels implements RecordLabels {

    private final JdbcClient jdbc;
    private final PatientRegistry patients;

    JdbcRecordLabels(JdbcClient jdbc, PatientRegistry patients) {
        this.jdbc = jdbc;
        this.patients = patients;
    }

    @Override
    public Map<Long, PatientLabel> patients(Collection<Long> ids, String purpose) {
        Map<Long, PatientLabel> out = new LinkedHashMap<>();
        patients.summaries(ids.stream().filter(Objects::nonNull).toList(), purpose)
                .forEach((id, p) -> out.put(id, label(p)));
        return out;
    }

    @Override
    public Map<Long, EncounterLabel> encounters(Collection<Long> ids, String purpose) {
        Set<Long> distinct = new TreeSet<>();
        ids.stream().filter(Objects::nonNull).forEach(distinct::add);
        if (distinct.isEmpty()) {
            return Map.of();
        }
        record Row(long id, String number, long patientId) {
        }
        var rows = jdbc.sql("select id, encounter_number, patient_id from encounter where id in (:ids)")
                .param("ids", distinct)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3))).list();
        Map<Long, PatientLabel> people = patients(rows.stream().map(Row::patientId).toList(), purpose);
        Map<Long, EncounterLabel> out = new LinkedHashMap<>();
        for (Row r : rows) {
            out.put(r.id(), new EncounterLabel(r.id(), r.number(), people.get(r.patientId())));
        }
        return out;
    }

    @Override
    public java.util.Optional<EncounterLabel> encounterByVisitNumber(String visitNumber, String purpose) {
        if (visitNumber == null || visitNumber.isBlank()) {
            return java.util.Optional.empty();
        }
        return jdbc.sql("select id from encounter where encounter_number = :n").param("n", visitNumber.strip())
                .query(Long.class).optional()
                .map(id -> encounters(java.util.List.of(id), purpose).get(id));
    }

    @Override
    public java.util.Optional<PatientLabel> patientByMrn(String mrn, String purpose) {
        if (mrn == null || !mrn.strip().matches("[A-Za-z0-9-]{1,20}")) {
            return java.util.Optional.empty();
        }
        var page = patients.search(new org.custodian.patient.PatientSearch(null, mrn.strip(), null), 0, 2);
        return page.items().size() == 1 ? java.util.Optional.of(label(page.items().get(0))) : java.util.Optional.empty();
    }

    private static PatientLabel label(PatientSummary p) {
        return new PatientLabel(p.id(), p.displayName(), p.mrn(), p.birthDate());
    }
}
