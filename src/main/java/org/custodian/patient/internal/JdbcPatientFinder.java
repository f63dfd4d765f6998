package org.custodian.patient.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientFinder;
import org.custodian.patient.PatientIdentifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.custodian.patient.SsnColumn;

@Service
class JdbcPatientFinder implements PatientFinder {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final SsnColumn ssns;

    JdbcPatientFinder(JdbcClient jdbc, AuditTrail audit, SsnColumn ssns) {
        this.ssns = ssns;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public List<Patient> find(Criteria c, int offset, int limit) {
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new LinkedHashMap<>();
        List<String> described = new ArrayList<>();
        if (c.identifierValue() != null) {
            if (c.identifierSystem() == null) {
                where.append(" and (p.mrn = :idv or exists (select 1 from patient_identifier i where i.patient_id = p.id and i.value = :idv))");
            } else {
                where.append(" and exists (select 1 from patient_identifier i where i.patient_id = p.id and i.system = :ids and i.value = :idv)");
                params.put("ids", c.identifierSystem());
            }
            params.put("idv", c.identifierValue());
            described.add("identifier=" + (c.identifierSystem() == null ? "" : c.identifierSystem() + "|") + c.identifierValue());
        }
        if (c.name() != null) {
            String[] tokens = Names.fold(c.name().replace(',', ' ')).split(" ");
            for (int i = 0; i < tokens.length; i++) {
                where.append(" and p.search_name like :n").append(i);
                params.put("n" + i, "%" + Names.likeLiteral(tokens[i]) + "%");
            }
            described.add("name=" + c.name());
        }
        // search_name is "given middle family" folded; a prefix of a name part starts the string or follows a space.
        if (c.family() != null) {
            where.append(" and (lower(p.family_name) like :fam or p.search_name like :famAny)");
            String folded = Names.likeLiteral(Names.fold(c.family()));
            params.put("fam", c.family().toLowerCase(java.util.Locale.ROOT) + "%");
            params.put("famAny", "% " + folded + "%");
            described.add("family=" + c.family());
        }
        if (c.given() != null) {
            where.append(" and (p.search_name like :giv)");
            params.put("giv", Names.likeLiteral(Names.fold(c.given())) + "%");
            described.add("given=" + c.given());
        }
        if (c.birthDate() != null) {
            where.append(" and p.birth_date = :dob");
            params.put("dob", c.birthDate());
            described.add("birthdate=" + c.birthDate());
        }
        if (c.sex() != null) {
            where.append(" and p.sex = :sex");
            params.put("sex", c.sex().name());
            described.add("gender=" + c.sex());
        }
        if (c.withoutPatients() != null && !c.withoutPatients().isEmpty()) { // not described: a flag is not the reader's business
            where.append(" and p.id not in (:withoutPatients)");
            params.put("withoutPatients", c.withoutPatients());
        }
        List<Object[]> rows = jdbc.sql("""
                        select p.id, p.facility, p.mrn, p.given_name, p.middle_name, p.family_name, p.birth_date, p.sex,
                               p.ssn, p.address_line, p.city, p.state, p.postal_code, p.phone
                        from patient p\s""" + where
                        + " order by p.family_name, p.given_name, p.birth_date, p.id limit :limit offset :offset")
                .params(params).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                        rs.getString(14)})
                .list();
        Map<Long, List<PatientIdentifier>> identifiers = new HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("select patient_id, system, value, type from patient_identifier where patient_id = any(?) order by id")
                    .param(rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new))
                    .query((rs, i) -> {
                        identifiers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new PatientIdentifier(rs.getString(2), rs.getString(3), rs.getString(4)));
                        return null;
                    }).list();
        }
        List<Patient> found = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            long id = (Long) r[0];
            found.add(new Patient(id, (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (LocalDate) r[6], AdministrativeSex.valueOf((String) r[7]), JdbcPatientRegistry.mask(ssns.open((String) r[8])),
                    new Address((String) r[9], (String) r[10], (String) r[11], (String) r[12]), (String) r[13],
                    identifiers.getOrDefault(id, List.of())));
        }
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, found.size() == 1 ? found.get(0).id() : null, "Patient", null,
                (described.isEmpty() ? "all" : String.join(" ", described)) + " -> " + found.size() + " found");
        return found;
    }
}
