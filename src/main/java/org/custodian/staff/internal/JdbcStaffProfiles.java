package org.custodian.staff.internal;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.custodian.Problem;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.staff.StaffNotFoundException;
import org.custodian.staff.StaffProfile;
import org.custodian.staff.StaffProfile.HomeAddress;
import org.custodian.staff.StaffProfiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class JdbcStaffProfiles implements StaffProfiles {

    static final List<String> COLUMNS = List.of("username", "givenName", "familyName", "line", "city", "state",
            "postalCode", "department", "job", "patientMrn");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Clock clock;

    JdbcStaffProfiles(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public StaffProfile put(StaffProfile profile) {
        List<String> errors = validate(profile, "");
        if (!errors.isEmpty()) {
            throw Problem.invalid("invalid-staff-profile", String.join("; ", errors)).with("errors", errors);
        }
        if (!exists(profile.username())) {
            throw new StaffNotFoundException(profile.username());
        }
        tx.executeWithoutResult(s -> upsert(profile));
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffProfile", profile.username(), "profile updated");
        return find(profile.username()).orElseThrow();
    }

    private boolean exists(String username) {
        return jdbc.sql("select exists (select 1 from staff_user where username = ?)").param(username)
                .query(Boolean.class).single();
    }

    private void upsert(StaffProfile p) {
        HomeAddress a = p.homeAddress() == null ? new HomeAddress(null, null, null, null) : p.homeAddress();
        jdbc.sql("""
                        insert into staff_profile (username, given_name, family_name, home_line, home_city, home_state,
                                                   home_postal_code, department, job, patient_mrn, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (username) do update set given_name = excluded.given_name, family_name = excluded.family_name,
                            home_line = excluded.home_line, home_city = excluded.home_city, home_state = excluded.home_state,
                            home_postal_code = excluded.home_postal_code, department = excluded.department, job = excluded.job,
                            patient_mrn = excluded.patient_mrn, updated_at = excluded.updated_at""")
                .params(p.username(), blank(p.givenName()), blank(p.familyName()), blank(a.line()), blank(a.city()),
                        blank(a.state()), blank(a.postalCode()), blank(p.department()), blank(p.job()), blank(p.patientMrn()),
                        clock.instant().atOffset(ZoneOffset.UTC))
                .update();
    }

    /** The rule each field breaks, prefixed with {@code where} (e.g. "row 3, "). */
    static List<String> validate(StaffProfile p, String where) {
        List<String> errors = new ArrayList<>();
        if (p.username() == null || !p.username().matches(StaffApiController.USERNAME)) {
            errors.add(where + "username: 2 to 64 of a-z 0-9 . _ -");
        }
        check(errors, where, "givenName", p.givenName(), 100, null, null);
        check(errors, where, "familyName", p.familyName(), 100, null, null);
        if (p.homeAddress() != null) {
            check(errors, where, "line", p.homeAddress().line(), 200, null, null);
            check(errors, where, "city", p.homeAddress().city(), 100, null, null);
            check(errors, where, "state", p.homeAddress().state(), 2, "[A-Z]{2}", "two-letter state code");
            check(errors, where, "postalCode", p.homeAddress().postalCode(), 10, "[0-9]{5}(-[0-9]{4})?", "ZIP code: 5 digits or ZIP+4");
        }
        check(errors, where, "department", p.department(), 100, null, null);
        check(errors, where, "job", p.job(), 100, null, null);
        check(errors, where, "patientMrn", p.patientMrn(), 20, "[A-Za-z0-9-]{1,20}", "letters, digits and -");
        return errors;
    }

    private static void check(List<String> errors, String where, String field, String value, int max, String pattern,
                              String rule) {
        if (value == null || value.isBlank()) {
            return;
        }
        if (pattern != null && !value.strip().matches(pattern)) {
            errors.add(where + field + ": " + rule);
        } else if (value.length() > max) {
            errors.add(where + field + ": at most " + max + " characters");
        }
    }

    @Override
    public int importCsv(String csv) {
        List<List<String>> rows = parse(csv);
        if (rows.isEmpty()) {
            throw Problem.invalid("empty-staff-csv", "the file has no header row");
        }
        Map<String, Integer> at = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().replace("homeAddress.", "");
            at.put(name.toLowerCase(Locale.ROOT), i);
        }
        List<String> errors = new ArrayList<>();
        if (!at.containsKey("username")) {
            errors.add("row 1 (header): column username is missing");
        }
        for (String h : header) {
            String name = h.strip().replace("homeAddress.", "");
            if (COLUMNS.stream().noneMatch(c -> c.equalsIgnoreCase(name))) {
                errors.add("row 1 (header): unknown column " + h.strip() + "; expected " + COLUMNS);
            }
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("invalid-staff-csv", String.join("; ", errors)).with("errors", errors);
        }
        List<StaffProfile> profiles = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isBlank()) {
                continue;
            }
            String where = "row " + (r + 1) + ", column ";
            if (row.size() != header.size()) {
                errors.add("row " + (r + 1) + ": " + row.size() + " cells, the header has " + header.size());
                continue;
            }
            StaffProfile p = new StaffProfile(cell(row, at, "username"), cell(row, at, "givenname"), cell(row, at, "familyname"),
                    new HomeAddress(cell(row, at, "line"), cell(row, at, "city"), cell(row, at, "state"), cell(row, at, "postalcode")),
                    cell(row, at, "department"), cell(row, at, "job"), cell(row, at, "patientmrn"));
            errors.addAll(validate(p, where));
            if (p.username() != null && p.username().matches(StaffApiController.USERNAME)) {
                if (!seen.add(p.username())) {
                    errors.add(where + "username: " + p.username() + " appears twice");
                } else if (!exists(p.username())) {
                    errors.add(where + "username: no account " + p.username());
                }
            }
            profiles.add(p);
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("invalid-staff-csv", errors.size() + " error(s), nothing imported: " + String.join("; ", errors))
                    .with("errors", errors);
        }
        tx.executeWithoutResult(s -> profiles.forEach(this::upsert));
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "StaffProfile", null, "imported " + profiles.size() + " profiles");
        return profiles.size();
    }

    private static String cell(List<String> row, Map<String, Integer> at, String column) {
        Integer i = at.get(column);
        if (i == null) {
            return null;
        }
        String v = row.get(i).strip();
        return v.isEmpty() ? null : v;
    }

    /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int n = csv.length();
        for (int i = 0; i < n; i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && csv.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    @Override
    public Optional<StaffProfile> find(String username) {
        return jdbc.sql(SELECT + " where username = ?").param(username).query((rs, i) -> profile(rs)).optional();
    }

    @Override
    public List<StaffProfile> all() {
        return jdbc.sql(SELECT + " order by username").query((rs, i) -> profile(rs)).list();
    }

    private static final String SELECT = """
            select username, given_name, family_name, home_line, home_city, home_state, home_postal_code, department, job,
                   patient_mrn from staff_profile""";

    private static StaffProfile profile(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StaffProfile(rs.getString(1), rs.getString(2), rs.getString(3),
                new HomeAddress(rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)),
                rs.getString(8), rs.getString(9), rs.getString(10));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
