package org.custodian.mpi.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.AdministrativeSex;
import org.custodian.mpi.MatchEvidence;
import org.custodian.patient.NewPatient;
import org.custodian.mpi.PatientMatch;
import org.custodian.patient.SsnColumn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The registration check: the registered patients an index model scores as possible matches of a
 * candidate, blocked in SQL, with each field's contribution and the overlay guard's risks.
 */
@Component
class LikelyMatches {

    /** At most this many registered patients are scored against a candidate (the blocking queries' limit). */
    private static final int MAX_CANDIDATES = 500;
    private static final int MAX_MATCHES = 10;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final MatchEngine engine;
    private final IndexModel model;
    private final SsnColumn ssns;


    LikelyMatches(JdbcClient jdbc, AuditTrail audit, MatchEngine engine, IndexModel model, SsnColumn ssns) {
        this.ssns = ssns;
        this.jdbc = jdbc;
        this.audit = audit;
        this.engine = engine;
        this.model = model;
    }

    List<PatientMatch> likelyMatches(NewPatient candidate) {
        Linkage fitted = model.current();
        if (fitted == null) {
            return List.of();
        }
        // The registration check is a screen a registrar reviews, so it errs toward showing a
        // possible duplicate: a candidate counts when either the EM fit of this index or typical
        // m and u put it at review or above. EM on a mixed index can be too strict (measured: a
        // nickname + transposed surname re-registration missed in the test suite's index).
        Linkage typical = model.typical();
        MpiRecord c = MpiRecord.of("candidate", candidate);
        List<Row> rows = blocked(candidate);
        List<PatientMatch> matches = new ArrayList<>();
        for (Row row : rows) {
            MatchEngine.ScoredComparison s = engine.score(fitted, c, row.record());
            if (s.decision() == MatchDecision.NON_MATCH && typical != null && typical != fitted) {
                s = engine.score(typical, c, row.record());
            }
            if (s.decision() == MatchDecision.NON_MATCH) {
                continue;
            }
            matches.add(new PatientMatch(row.id(), row.mrn(), row.familyName(), row.givenName(), row.birthDate(),
                    row.sex(), Math.round(s.weight() * 100) / 100.0, s.decision().name(), evidence(s.explanation()),
                    OverlayGuard.risks(c, row.record()).stream().map(Enum::name).toList()));
        }
        matches.sort(Comparator.comparingDouble(PatientMatch::weight).reversed());
        List<PatientMatch> best = matches.size() > MAX_MATCHES ? List.copyOf(matches.subList(0, MAX_MATCHES)) : matches;
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, "PatientMatch", null,
                "likely matches of a registration -> " + best.size() + " found");
        if (!best.isEmpty()) {
            audit.recordAll(best.stream().map(m -> audit.entry(AuditAction.READ, AuditOutcome.SUCCESS, m.patientId(),
                    "PatientMatch", m.patientId(), "weight " + m.weight())).toList());
        }
        return best;
    }

    static List<MatchEvidence> evidence(List<FieldContribution> contributions) {
        return contributions.stream().map(f -> new MatchEvidence(f.field().name(), f.levelName(),
                Math.round(f.weight() * 100) / 100.0)).toList();
    }

    private record Row(long id, String mrn, String familyName, String givenName, LocalDate birthDate,
                       AdministrativeSex sex, MpiRecord record) {
    }

    /**
     * Blocking in SQL, one pass per indexed key as in {@link Blocking}: same birth date, same SSN,
     * same phone, same surname and birth year, same given name and ZIP code.
     */
    private List<Row> blocked(NewPatient p) {
        String ssn = ssns.hash(p.ssn());
        String zip = p.address() == null ? null : p.address().postalCode();
        // One indexed branch per blocking key: one "or" of the five was planned as a scan of the whole
        // table once the statement went generic (docs/decisions.md#query-plans-on-the-feeds-path).
        return jdbc.sql("select mrn, " + IndexRows.COLUMNS + " from patient where merged_into is null and id in ("
                        + " select id from patient where birth_date = :dob"
                        + " union select id from patient where ssn_hash = :ssn"
                        + " union select id from patient where phone = :phone"
                        + " union select id from patient where lower(family_name) = lower(:family)"
                        + "   and birth_date between :yearStart and :yearEnd"
                        + " union select id from patient where lower(given_name) = lower(:given) and postal_code = :zip"
                        + ") limit :limit")
                .param("dob", p.birthDate())
                .param("ssn", ssn)
                .param("phone", p.phone())
                .param("family", p.familyName().trim())
                .param("given", p.givenName().trim())
                .param("zip", zip)
                .param("yearStart", p.birthDate().withDayOfYear(1))
                .param("yearEnd", p.birthDate().withDayOfYear(1).plusYears(1).minusDays(1))
                .param("limit", MAX_CANDIDATES)
                .query((rs, i) -> row(rs, ssns)).list();
    }

    private static Row row(ResultSet rs, SsnColumn ssns) throws SQLException {
        // Columns: mrn, then IndexRows.COLUMNS shifted by one.
        return new Row(rs.getLong(2), rs.getString(1), rs.getString(4), rs.getString(3), rs.getObject(5, LocalDate.class),
                AdministrativeSex.valueOf(rs.getString(6)),
                MpiRecord.registered(Long.toString(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getString(6), ssns.open(rs.getString(7)), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
    }

}
