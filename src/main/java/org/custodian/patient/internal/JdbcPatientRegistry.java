package org.custodian.patient.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.patient.Address;
import org.custodian.patient.AdministrativeSex;
import org.custodian.patient.NewPatient;
import org.custodian.patient.Patient;
import org.custodian.patient.PatientIdentifier;
import org.custodian.patient.PatientPage;
import org.custodian.patient.PatientRegistry;
import org.custodian.patient.PatientSearch;
import org.custodian.patient.PatientSummary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class JdbcPatientRegistry implements PatientRegistry {

    private static final String DEFAULT_FACILITY = "MAIN";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;

    JdbcPatientRegistry(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    @Override
    public PatientPage search(PatientSearch criteria, int page, int size) {
        StringBuilder where = new StringBuilder("where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (criteria.name() != null && !criteria.name().isBlank()) {
            String[] tokens = Names.fold(criteria.name().replace(',', ' ')).split(" ");
            for (int i = 0; i < tokens.length; i++) {
                where.append(" and search_name like :t").append(i);
                params.put("t" + i, "%" + Names.likeLiteral(tokens[i]) + "%");
            }
        }
        if (criteria.mrn() != null && !criteria.mrn().isBlank()) {
            where.append(" and mrn = :mrn");
            params.put("mrn", criteria.mrn().trim());
        }
        if (criteria.birthDate() != null) {
            where.append(" and birth_date = :dob");
            params.put("dob", criteria.birthDate());
        }
        long total = jdbc.sql("select count(*) from patient " + where).params(params).query(Long.class).single();
        List<PatientSummary> items = jdbc.sql("""
                select id, mrn, family_name, given_name, birth_date, sex, city from patient\s""" + where
                + " order by family_name, given_name, birth_date, id limit :limit offset :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, i) -> new PatientSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, java.time.LocalDate.class), AdministrativeSex.valueOf(rs.getString(6)), rs.getString(7)))
                .list();
        audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, "Patient", null,
                describe(criteria) + " -> " + total + " found");
        return new PatientPage(items, page, size, total);
    }

    private static String describe(PatientSearch c) {
        List<String> parts = new ArrayList<>();
        if (c.name() != null && !c.name().isBlank()) {
            parts.add("name=" + c.name());
        }
        if (c.mrn() != null && !c.mrn().isBlank()) {
            parts.add("mrn=" + c.mrn());
        }
        if (c.birthDate() != null) {
            parts.add("dob=" + c.birthDate());
        }
        return parts.isEmpty() ? "all" : String.join(" ", parts);
    }

    @Override
    public Optional<Patient> find(long id) {
        Optional<Patient> patient = jdbc.sql("""
                select id, facility, mrn, given_name, middle_name, family_name, birth_date, sex, ssn,
                       address_line, city, state, postal_code, phone
                from patient where id = ?""")
                .param(id)
                .query((rs, i) -> map(rs, identifiers(id)))
                .optional();
        patient.ifPresent(p -> audit.patient(AuditAction.READ, p.id(), "Patient", p.id()));
        return patient;
    }

    @Override
    public boolean exists(long id) {
        return jdbc.sql("select exists(select 1 from patient where id = ?)").param(id).query(Boolean.class).single();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from patient").query(Long.class).single();
    }

    private List<PatientIdentifier> identifiers(long patientId) {
        return jdbc.sql("select system, value, type from patient_identifier where patient_id = ? order by id")
                .param(patientId)
                .query((rs, i) -> new PatientIdentifier(rs.getString(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    private static Patient map(ResultSet rs, List<PatientIdentifier> identifiers) throws SQLException {
        return new Patient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, java.time.LocalDate.class), AdministrativeSex.valueOf(rs.getString(8)),
                mask(rs.getString(9)),
                new Address(rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)),
                rs.getString(14), identifiers);
    }

    static String mask(String ssn) {
        return ssn == null ? null : "***-**-" + ssn.substring(ssn.length() - 4);
    }

    @Override
    public Patient register(NewPatient patient) {
        long id = registerAll(List.of(patient)).get(0);
        return jdbc.sql("""
                select id, facility, mrn, given_name, middle_name, family_name, birth_date, sex, ssn,
                       address_line, city, state, postal_code, phone
                from patient where id = ?""")
                .param(id).query((rs, i) -> map(rs, identifiers(id))).single();
    }

    @Override
    public List<Long> registerAll(List<NewPatient> patients) {
        List<Long> ids = tx.execute(status -> {
            List<Long> created = new ArrayList<>(patients.size());
            for (NewPatient p : patients) {
                created.add(insert(p));
            }
            return created;
        });
        List<AuditEntry> entries = new ArrayList<>(ids.size());
        for (Long id : ids) {
            entries.add(audit.entry(AuditAction.CREATE, AuditOutcome.SUCCESS, id, "Patient", id, null));
        }
        audit.recordAll(entries);
        return ids;
    }

    private long insert(NewPatient p) {
        String facility = p.facility() == null ? DEFAULT_FACILITY : p.facility();
        String mrn = p.mrn() != null ? p.mrn()
                : jdbc.sql("select nextval('patient_mrn_seq')::text").query(String.class).single();
        Address a = p.address() == null ? new Address(null, null, null, null) : p.address();
        long id;
        try {
            id = jdbc.sql("""
                    insert into patient (facility, mrn, given_name, middle_name, family_name, birth_date, sex, ssn,
                                         address_line, city, state, postal_code, phone, search_name)
                    values (:facility, :mrn, :given, :middle, :family, :dob, :sex, :ssn, :line, :city, :state, :zip, :phone, :search)
                    returning id""")
                    .param("facility", facility)
                    .param("mrn", mrn)
                    .param("given", p.givenName().trim())
                    .param("middle", blankToNull(p.middleName()))
                    .param("family", p.familyName().trim())
                    .param("dob", p.birthDate())
                    .param("sex", p.sex().name())
                    .param("ssn", p.ssn() == null ? null : p.ssn().replace("-", ""))
                    .param("line", a.line())
                    .param("city", a.city())
                    .param("state", a.state())
                    .param("zip", a.postalCode())
                    .param("phone", p.phone())
                    .param("search", Names.searchName(p.givenName(), p.middleName(), p.familyName()))
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new IllegalArgumentException("MRN " + mrn + " is already in use at facility " + facility);
        }
        if (p.identifiers() != null) {
            for (PatientIdentifier identifier : p.identifiers()) {
                try {
                    jdbc.sql("insert into patient_identifier (patient_id, system, value, type) values (?, ?, ?, ?)")
                            .params(id, identifier.system(), identifier.value(), identifier.type()).update();
                } catch (DuplicateKeyException e) {
                    throw new IllegalArgumentException("identifiers: " + identifier.type() + " of system "
                            + identifier.system() + " already belongs to another patient");
                }
            }
        }
        return id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
