package org.custodian.retention.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The retention schedules table: looked up by jurisdiction and record type, edited as data. */
@Component
class Schedules {

    record Change(String jurisdiction, String recordType, Integer retainYears, Integer ageOfMajority,
                  Integer yearsAfterMajority, String authority) {
    }

    private static final String COLUMNS = "id, jurisdiction, record_type, retain_years, age_of_majority, years_after_majority,"
            + " authority, updated_by, updated_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Schedules(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<RetentionSchedule> all() {
        return jdbc.sql("select " + COLUMNS + " from retention_schedule order by jurisdiction, record_type")
                .query((rs, i) -> row(rs)).list();
    }

    List<RetentionSchedule> of(String jurisdiction) {
        return jdbc.sql("select " + COLUMNS + " from retention_schedule where jurisdiction = ?")
                .param(jurisdiction).query((rs, i) -> row(rs)).list();
    }

    /** The schedule for the record type, else the jurisdiction's default ({@code *}); none means never destroy. */
    static Optional<RetentionSchedule> pick(List<RetentionSchedule> schedules, String recordType) {
        return schedules.stream().filter(s -> s.recordType().equals(recordType)).findFirst()
                .or(() -> schedules.stream().filter(s -> s.recordType().equals(RetentionSchedule.ANY_TYPE)).findFirst());
    }

    RetentionSchedule save(Change c) {
        String jurisdiction = required("jurisdiction", c.jurisdiction());
        if (!jurisdiction.matches("[A-Z]{2}(-[A-Z0-9]{1,10})*")) {
            throw new IllegalArgumentException("jurisdiction: a country code, optionally with a subdivision, e.g. US or US-IL");
        }
        String type = required("recordType", c.recordType());
        if (!type.equals(RetentionSchedule.ANY_TYPE) && !List.of("INPATIENT", "OUTPATIENT", "EMERGENCY").contains(type)) {
            throw new IllegalArgumentException("recordType: INPATIENT, OUTPATIENT, EMERGENCY or *");
        }
        int years = range("retainYears", c.retainYears(), 1, 100);
        int majority = c.ageOfMajority() == null ? 18 : range("ageOfMajority", c.ageOfMajority(), 14, 25);
        int after = c.yearsAfterMajority() == null ? 0 : range("yearsAfterMajority", c.yearsAfterMajority(), 0, 50);
        String authority = required("authority", c.authority());
        String user = SecurityContextHolder.getContext().getAuthentication().getName();
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        long id = jdbc.sql("""
                        insert into retention_schedule (jurisdiction, record_type, retain_years, age_of_majority,
                                                        years_after_majority, authority, updated_by, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (jurisdiction, record_type) do update set retain_years = excluded.retain_years,
                            age_of_majority = excluded.age_of_majority, years_after_majority = excluded.years_after_majority,
                            authority = excluded.authority, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                        returning id""")
                .params(jurisdiction, type, years, majority, after, authority, user, now).query(Long.class).single();
        return jdbc.sql("select " + COLUMNS + " from retention_schedule where id = ?").param(id).query((rs, i) -> row(rs)).single();
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        if (value.length() > 500) {
            throw new IllegalArgumentException(field + ": at most 500 characters");
        }
        return value.strip();
    }

    private static int range(String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            throw new IllegalArgumentException(field + ": a whole number from " + min + " to " + max);
        }
        return value;
    }

    private static RetentionSchedule row(ResultSet rs) throws SQLException {
        return new RetentionSchedule(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class).toInstant());
    }
}
