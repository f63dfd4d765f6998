package org.custodian.chart.internal;

import java.time.OffsetDateTime;
import java.util.List;
import org.custodian.HospitalClock;
import org.custodian.chart.EncounterClass;
import org.custodian.mpi.PatientVisits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The chart's encounters for the duplicate pair view; the caller audits the read. */
@Component
class ChartPatientVisits implements PatientVisits {

    private final JdbcClient jdbc;
    private final HospitalClock clock;

    ChartPatientVisits(JdbcClient jdbc, HospitalClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<Visit> latest(long patientId, int limit) {
        return jdbc.sql("""
                        select encounter_number, admit_at, discharge_at, encounter_class, service from encounter
                        where patient_id = ? order by admit_at desc, id desc limit ?""")
                .params(patientId, limit)
                .query((rs, i) -> {
                    OffsetDateTime out = rs.getObject(3, OffsetDateTime.class);
                    return new Visit(rs.getString(1), rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(clock.getZone()).toLocalDate(),
                            out == null ? null : out.atZoneSameInstant(clock.getZone()).toLocalDate(),
                            EncounterClass.valueOf(rs.getString(4)).label(), rs.getString(5));
                }).list();
    }
}
