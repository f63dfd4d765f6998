package org.custodian.completion.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.custodian.RecordLabels;
import org.custodian.Rows;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.custodian.patient.PatientSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The encounter picker of the manual-deficiency form: the analyst types a patient's name, MRN or a
 * visit number and chooses the visit from a list that shows the patient's name and MRN. Patients
 * are found through the patient module's audited search; names come from {@link RecordLabels}.
 */
@Component
class EncounterChoices {

    static final String PURPOSE = "the manual-deficiency encounter picker";
    static final int LIMIT = 25;

    private final JdbcClient jdbc;
    private final PatientRegistry patients;
    private final RecordLabels labels;

    EncounterChoices(JdbcClient jdbc, PatientRegistry patients, RecordLabels labels) {
        this.jdbc = jdbc;
        this.patients = patients;
        this.labels = labels;
    }

    /** Visits matching {@code find}: a visit number, else the MRN's or the name's patients' visits, newest first. */
    List<EncounterChoice> find(String find) {
        Set<Long> encounterIds = new LinkedHashSet<>();
        Set<Long> patientIds = new LinkedHashSet<>();
        if (isNumber(find)) {
            labels.encounterByVisitNumber(find, PURPOSE).ifPresent(e -> encounterIds.add(e.id()));
        }
        patientIds.addAll(patientsByMrnOrName(find, PURPOSE));
        if (!patientIds.isEmpty()) {
            encounterIds.addAll(jdbc.sql("""
                    select encounter_id from chart_completion_encounter where patient_id = any(?)
                    order by admit_at desc limit ?""").params(patientIds.toArray(Long[]::new), LIMIT).query(Long.class).list());
        }
        if (encounterIds.isEmpty()) {
            return List.of();
        }
        record Row(long id, Instant admit, Instant discharge, String service) {
        }
        List<Row> rows = jdbc.sql("""
                select encounter_id, admit_at, discharge_at, service from chart_completion_encounter
                where encounter_id = any(?) order by admit_at desc limit ?""")
                .params(encounterIds.toArray(Long[]::new), LIMIT)
                .query((rs, i) -> new Row(rs.getLong(1), Rows.instant(rs, 2), Rows.instant(rs, 3), rs.getString(4))).list();
        Map<Long, RecordLabels.EncounterLabel> named = labels.encounters(rows.stream().map(Row::id).toList(), PURPOSE);
        List<EncounterChoice> out = new ArrayList<>();
        for (Row r : rows) {
            RecordLabels.EncounterLabel label = named.get(r.id());
            if (label == null || label.patient() == null) {
                continue;
            }
            out.add(new EncounterChoice(r.id(), label.visitNumber(), label.patient().name(), label.patient().mrn(), r.admit(), r.discharge(),
                    r.service()));
        }
        return out;
    }

    /**
     * The patients {@code find} names: the MRN's patient when it looks like a number, else those the
     * patient module's audited name search returns (at most ten).
     */
    Set<Long> patientsByMrnOrName(String find, String purpose) {
        Set<Long> out = new LinkedHashSet<>();
        if (isNumber(find)) {
            if (find.length() <= 20) {
                labels.patientByMrn(find, purpose).ifPresent(p -> out.add(p.id()));
            }
        } else {
            patients.search(new PatientSearch(find, null, null), 0, 10).items().stream().map(PatientSummary::id).forEach(out::add);
        }
        return out;
    }

    private static boolean isNumber(String find) {
        return find.matches("[A-Za-z0-9-]{1,30}") && find.matches(".*\\d.*");
    }
}
