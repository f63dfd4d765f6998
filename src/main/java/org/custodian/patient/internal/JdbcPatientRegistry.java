package org.custodian.patient.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custodian.audit.AuditAction;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.custodian.patient.SsnColumn;

@Service
class JdbcPatientRegistry implements PatientRegistry {

    private static final String DEFAULT_FACILITY = "MAIN";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate tx;
    private final AuditTrail audit;

    private final SsnColumn ssns;

    JdbcPatientRegistry(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate tx, AuditTrail audit, SsnColumn ssns) {
        this.ssns = ssns;
        this.jdbc = jdbc;
        this.batch = batch;
        this.tx = tx;
        this.audit = audit;
    }

    @Override
    public PatientPage search(PatientSearch criteria, int page, int size) {
        // A record merged into another is found only through its survivor (MPI, V30).
        StringBuilder where = new StringBuilder("where merged_into is null");
        Map<String, Object> params = new LinkedHashMap<>();
        if (criteria.name() != null && !criteria.name().isBlank()) {
            String[] tokens = Names.fold(criteria.name().replace(',', ' ')).split(" ");
            for (int i = 0; i < tokens.length; i++) {
                where.append(" and search_name like :t").append(i);
                params.put("t" + i, "%" + Names.likeLiteral(tokens[i]) + "%");
            }
        }
        if (criteria.mrn() != null && !criteria.mrn().isBlank()) {
            // A retired MRN is an alias: it finds the record it was merged into, however many merges on.
            where.append(" ").append("""
                     and id in (with recursive chain (id, merged_into) as (
                         select id, merged_into from patient where mrn = :mrn
                         union all
                         select p.id, p.merged_into from patient p join chain c on p.id = c.merged_into)
                     select id from chain where merged_into is null)""");
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
    public Map<Long, PatientSummary> summaries(Collection<Long> ids, String purpose) {
        Set<Long> distinct = new java.util.TreeSet<>();
        ids.stream().filter(java.util.Objects::nonNull).forEach(distinct::add);
        if (distinct.isEmpty()) {
            return Map.of();
        }
        Map<Long, PatientSummary> out = new LinkedHashMap<>();
        jdbc.sql("select id, mrn, family_name, given_name, birth_date, sex, city from patient where id in (:ids)")
                .param("ids", distinct)
                .query((rs, i) -> new PatientSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, java.time.LocalDate.class), AdministrativeSex.valueOf(rs.getString(6)), rs.getString(7)))
                .list().forEach(p -> out.put(p.id(), p));
        if (!out.isEmpty()) {
            audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, out.size() == 1 ? out.keySet().iterator().next() : null,
                    "Patient", null, "names and MRNs of " + out.size() + " patient(s) for " + purpose);
        }
        return out;
    }

    @Override
    public Map<Long, org.custodian.patient.Household> households(Collection<Long> ids, String purpose) {
        Long[] distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toArray(Long[]::new);
        if (distinct.length == 0) {
            return Map.of();
        }
        Map<Long, org.custodian.patient.Household> out = new java.util.HashMap<>();
        jdbc.sql("select id, mrn, family_name, given_name, address_line, postal_code from patient where id = any(?)")
                .param(distinct)
                .query(rs -> {
                    out.put(rs.getLong(1), new org.custodian.patient.Household(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6)));
                });
        if (!out.isEmpty()) {
            audit.record(AuditAction.SEARCH, AuditOutcome.SUCCESS, null, "Patient", null,
                    "names and addresses of " + out.size() + " patient(s) for " + purpose);
        }
        return out;
    }

    @Override
    public Map<String, Double> familyNameShares(Collection<String> familyNames) {
        String[] names = familyNames.stream().filter(java.util.Objects::nonNull)
                .map(n -> n.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z]", "")).distinct().toArray(String[]::new);
        long total = count();
        if (names.length == 0 || total == 0) {
            return Map.of();
        }
        Map<String, Double> out = new java.util.HashMap<>();
        jdbc.sql("""
                        select n, count(*) from (select regexp_replace(upper(family_name), '[^A-Z]', '', 'g') as n from patient) p
                        where n = any(?) group by n having count(*) >= 3""")
                .param(names)
                .query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2) / (double) total);
                });
        return out;
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
    public Set<Long> existing(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select id from patient where id = any(?)")
                .param(ids.stream().distinct().toArray(Long[]::new)).query(Long.class).list());
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

    private Patient map(ResultSet rs, List<PatientIdentifier> identifiers) throws SQLException {
        return new Patient(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7, java.time.LocalDate.class), AdministrativeSex.valueOf(rs.getString(8)),
                mask(ssns.open(rs.getString(9))),
                new Address(rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)),
                rs.getString(14), identifiers);
    }

    static String mask(String ssn) {
        return ssn == null ? null : "***-**-" + ssn.substring(ssn.length() - 4);
    }

    @Override
    public Patient register(NewPatient patient) {
        long id = registerAll(List.of(patient), org.custodian.patient.RegistrationSource.DESK).get(0);
        return jdbc.sql("""
                select id, facility, mrn, given_name, middle_name, family_name, birth_date, sex, ssn,
                       address_line, city, state, postal_code, phone
                from patient where id = ?""")
                .param(id).query((rs, i) -> map(rs, identifiers(id))).single();
    }

    @Override
    public Optional<Long> idByMrn(String facility, String mrn) {
        Optional<Long> id = jdbc.sql("select id from patient where facility = ? and mrn = ?")
                .params(facility == null ? DEFAULT_FACILITY : facility, mrn).query(Long.class).optional();
        id.ifPresent(p -> audit.patient(AuditAction.READ, p, "Patient", p));
        return id;
    }

    @Override
    public Patient update(long id, NewPatient p) {
        Address a = p.address() == null ? new Address(null, null, null, null) : p.address();
        Patient updated = tx.execute(status -> {
            int n = jdbc.sql("""
                            update patient set given_name = ?, middle_name = ?, family_name = ?, birth_date = ?, sex = ?,
                                   ssn = coalesce(?, ssn), ssn_hash = coalesce(?, ssn_hash), address_line = ?, city = ?, state = ?, postal_code = ?,
                                   phone = ?, search_name = ?, updated_at = now()
                            where id = ?""")
                    .params(p.givenName().trim(), blankToNull(p.middleName()), p.familyName().trim(), p.birthDate(),
                            p.sex().name(), ssns.seal(p.ssn()), ssns.hash(p.ssn()), a.line(), a.city(),
                            a.state(), a.postalCode(), p.phone(),
                            Names.searchName(p.givenName(), p.middleName(), p.familyName()), id)
                    .update();
            if (n == 0) {
                throw new org.custodian.patient.PatientNotFoundException(id);
            }
            return jdbc.sql("""
                    select id, facility, mrn, given_name, middle_name, family_name, birth_date, sex, ssn,
                           address_line, city, state, postal_code, phone
                    from patient where id = ?""")
                    .param(id).query((rs, i) -> map(rs, identifiers(id))).single();
        });
        audit.patient(AuditAction.UPDATE, id, "Patient", id);
        return updated;
    }

    /**
     * One transaction, a constant number of statements however many patients: ids and MRNs
     * come from their sequences in one query each, clashes of MRN or identifier are looked up
     * in one query each (so the error still names the MRN or identifier), and the rows go in as
     * JDBC batches, which the driver rewrites into multi-row INSERTs.
     */
    @Override
    public List<Long> registerAll(List<NewPatient> patients) {
        return registerAll(patients, org.custodian.patient.RegistrationSource.OTHER);
    }

    @Override
    public List<Long> registerAll(List<NewPatient> patients, org.custodian.patient.RegistrationSource source) {
        if (patients.isEmpty()) {
            return List.of();
        }
        List<Long> ids = tx.execute(status -> insertAll(patients, source));
        audit.created("Patient", ids, ids); // a patient is its own subject
        return ids;
    }

    private List<Long> insertAll(List<NewPatient> patients, org.custodian.patient.RegistrationSource source) {
        int n = patients.size();
        List<Long> ids = jdbc.sql("select nextval(pg_get_serial_sequence('patient', 'id')) from generate_series(1, ?)")
                .param(n).query(Long.class).list();
        long unnumbered = patients.stream().filter(p -> p.mrn() == null).count();
        Iterator<String> assigned = unnumbered == 0 ? Collections.emptyIterator()
                : jdbc.sql("select nextval('patient_mrn_seq')::text from generate_series(1, ?)")
                        .param(unnumbered).query(String.class).list().iterator();
        List<String> facilities = new ArrayList<>(n);
        List<String> mrns = new ArrayList<>(n);
        for (NewPatient p : patients) {
            facilities.add(p.facility() == null ? DEFAULT_FACILITY : p.facility());
            mrns.add(p.mrn() != null ? p.mrn() : assigned.next());
        }
        requireFreeMrns(facilities, mrns);
        List<PatientIdentifier> identifiers = new ArrayList<>();
        List<Long> owners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (patients.get(i).identifiers() != null) {
                for (PatientIdentifier identifier : patients.get(i).identifiers()) {
                    identifiers.add(identifier);
                    owners.add(ids.get(i));
                }
            }
        }
        requireFreeIdentifiers(identifiers);

        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NewPatient p = patients.get(i);
            Address a = p.address() == null ? new Address(null, null, null, null) : p.address();
            rows.add(new Object[] {ids.get(i), facilities.get(i), mrns.get(i), p.givenName().trim(),
                    blankToNull(p.middleName()), p.familyName().trim(), p.birthDate(), p.sex().name(),
                    ssns.seal(p.ssn()), ssns.hash(p.ssn()), a.line(), a.city(), a.state(),
                    a.postalCode(), p.phone(), Names.searchName(p.givenName(), p.middleName(), p.familyName()), source.name()});
        }
        try {
            batch.batchUpdate("""
                    insert into patient (id, facility, mrn, given_name, middle_name, family_name, birth_date, sex, ssn,
                                         ssn_hash, address_line, city, state, postal_code, phone, search_name, registration_source)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows, PATIENT_TYPES);
        } catch (DuplicateKeyException e) {
            // Only a concurrent registration of the same MRN gets past requireFreeMrns.
            throw new IllegalArgumentException("MRN: one of these MRNs was registered concurrently at its facility");
        }
        if (!identifiers.isEmpty()) {
            List<Object[]> identifierRows = new ArrayList<>(identifiers.size());
            for (int i = 0; i < identifiers.size(); i++) {
                PatientIdentifier identifier = identifiers.get(i);
                identifierRows.add(new Object[] {owners.get(i), identifier.system(), identifier.value(), identifier.type()});
            }
            try {
                batch.batchUpdate("insert into patient_identifier (patient_id, system, value, type) values (?, ?, ?, ?)",
                        identifierRows, new int[] {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR});
            } catch (DuplicateKeyException e) {
                throw new IllegalArgumentException("identifiers: one of these identifiers was registered concurrently");
            }
        }
        return ids;
    }

    private static final int[] PATIENT_TYPES = {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.DATE, Types.CHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    /** The first MRN, in input order, that is taken at its facility (in the database or earlier in the list). */
    private void requireFreeMrns(List<String> facilities, List<String> mrns) {
        // Each pair looked up by the whole key (lateral, limit 1: never turned into a join that scans).
        // A plain join or "= any" was planned as a scan (docs/decisions.md#query-plans-on-the-feeds-path).
        Set<String> taken = new HashSet<>(jdbc.sql("""
                        select n.facility || '|' || n.mrn from unnest(?::text[], ?::text[]) as n (facility, mrn)
                        cross join lateral (select 1 from patient p
                                            where p.facility = n.facility and p.mrn = n.mrn limit 1) x""")
                .params(facilities.toArray(String[]::new), mrns.toArray(String[]::new))
                .query(String.class).list());
        for (int i = 0; i < mrns.size(); i++) {
            if (!taken.add(facilities.get(i) + "|" + mrns.get(i))) {
                throw new IllegalArgumentException("MRN " + mrns.get(i) + " is already in use at facility " + facilities.get(i));
            }
        }
    }

    private void requireFreeIdentifiers(List<PatientIdentifier> identifiers) {
        if (identifiers.isEmpty()) {
            return;
        }
        Set<String> taken = new HashSet<>(jdbc.sql("""
                        select n.system || '|' || n.value from unnest(?::text[], ?::text[]) as n (system, value)
                        cross join lateral (select 1 from patient_identifier i
                                            where i.system = n.system and i.value = n.value limit 1) x""")
                .params(identifiers.stream().map(PatientIdentifier::system).toArray(String[]::new),
                        identifiers.stream().map(PatientIdentifier::value).toArray(String[]::new))
                .query(String.class).list());
        for (PatientIdentifier identifier : identifiers) {
            if (!taken.add(identifier.system() + "|" + identifier.value())) {
                throw new IllegalArgumentException("identifiers: " + identifier.type() + " of system "
                        + identifier.system() + " already belongs to another patient");
            }
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
