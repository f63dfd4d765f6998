package org.custodian.staff.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.staff.CeActivity;
import org.custodian.staff.Certificate;
import org.custodian.staff.ContinuingEducation;
import org.custodian.staff.CredentialProgress;
import org.custodian.staff.NewCeActivity;
import org.custodian.staff.NewCredential;
import org.custodian.staff.StaffCredential;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.StaffMember;
import org.custodian.staff.StaffNotFoundException;
import org.custodian.staff.TeamMemberStatus;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcContinuingEducation implements ContinuingEducation, org.custodian.staff.CredentialFigures {

    private final JdbcClient jdbc;
    private final JdbcStaffDirectory staff;
    private final AuditTrail audit;
    private final Clock clock;
    private final RecertificationRules rules;
    private final Recertification recertification;
    private final CertificateCheck certificates;

    JdbcContinuingEducation(JdbcClient jdbc, JdbcStaffDirectory staff, AuditTrail audit, Clock clock,
                            StaffSettings settings, org.springframework.core.io.ResourceLoader resources) {
        Resource rulesFile = resources.getResource(settings.recertificationRules());
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
        try {
            this.rules = RecertificationRules.read(rulesFile.getInputStream(), rulesFile.getDescription());
        } catch (IOException e) {
            throw new UncheckedIOException("recertification rules " + rulesFile.getDescription() + ": cannot be opened", e);
        }
        this.recertification = new Recertification(rules);
        this.certificates = new CertificateCheck(settings.certificateMaxBytes());
    }

    @Override
    public List<StaffCredential> credentials(String username) {
        return jdbc.sql("""
                        select c.id, u.username, c.code, c.number, c.earned_on, c.cycle_start, c.cycle_end
                        from staff_credential c join staff_user u on u.id = c.user_id
                        where u.username = ? order by c.earned_on, c.code""")
                .param(username)
                .query((rs, i) -> new StaffCredential(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)))
                .list();
    }

    @Override
    @Transactional
    public StaffCredential recordCredential(String username, NewCredential credential) {
        long userId = userId(username);
        if (rules.credential(credential.code()).isEmpty()) {
            throw new IllegalArgumentException("code: " + credential.code() + " is not a credential the rules ("
                    + rules.version() + ") know; add it to the rules file first");
        }
        List<StaffCredential> held = credentials(username).stream().filter(c -> !c.code().equals(credential.code())).toList();
        Recertification.Cycle cycle = recertification.defaultCycle(credential.code(), credential.earnedOn(), held);
        LocalDate start = credential.cycleStart() != null ? credential.cycleStart() : cycle.start();
        LocalDate end = credential.cycleEnd() != null ? credential.cycleEnd()
                : credential.cycleStart() != null ? start.minusDays(1).plusYears(rules.cycleYears()) : cycle.end();
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("cycleEnd: must be after cycleStart");
        }
        long id = jdbc.sql("""
                        insert into staff_credential (user_id, code, number, earned_on, cycle_start, cycle_end)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (user_id, code) do update set number = excluded.number, earned_on = excluded.earned_on,
                            cycle_start = excluded.cycle_start, cycle_end = excluded.cycle_end
                        returning id""")
                .params(userId, credential.code(), credential.number(), credential.earnedOn(), start, end)
                .query(Long.class).single();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, null, "StaffCredential", id, username + " " + credential.code());
        return new StaffCredential(id, username, credential.code(), credential.number(), credential.earnedOn(), start, end);
    }

    @Override
    public List<CeActivity> activities(String username) {
        return activities(jdbc.sql(ACTIVITIES + " where u.username = ? order by a.completed_on desc, a.id desc").param(username));
    }

    private static final String ACTIVITIES = """
            select a.id, u.username, a.completed_on, a.title, a.provider, a.ceus, a.domain, a.certificate_name
            from ce_activity a join staff_user u on u.id = a.user_id""";

    private List<CeActivity> activities(JdbcClient.StatementSpec query) {
        return query.query((rs, i) -> new CeActivity(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7),
                        rules.isHiim(rs.getString(7)), rs.getString(8)))
                .list();
    }

    @Override
    @Transactional
    public CeActivity logActivity(String username, NewCeActivity activity, Certificate certificate) {
        long userId = userId(username);
        if (!rules.knowsDomain(activity.domain())) {
            throw new IllegalArgumentException("domain: '" + activity.domain() + "' is not a CE domain of the rules ("
                    + rules.version() + ")");
        }
        if (activity.completedOn().isAfter(LocalDate.now(clock))) {
            throw new IllegalArgumentException("completedOn: in the future");
        }
        long id = jdbc.sql("""
                        insert into ce_activity (user_id, completed_on, title, provider, ceus, domain, logged_at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(userId, activity.completedOn(), activity.title().strip(),
                        activity.provider() == null ? null : activity.provider().strip(), activity.ceus(),
                        activity.domain(), clock.instant().atOffset(ZoneOffset.UTC))
                .query(Long.class).single();
        audit.record(AuditAction.CREATE, AuditOutcome.SUCCESS, null, "CeActivity", id, username);
        return certificate == null ? activity(username, id).orElseThrow() : attachCertificate(username, id, certificate);
    }

    private Optional<CeActivity> activity(String username, long id) {
        return activities(username).stream().filter(a -> a.id() == id).findFirst();
    }

    @Override
    @Transactional
    public CeActivity attachCertificate(String username, long activityId, Certificate certificate) {
        String type = certificates.verify(certificate);
        int updated = jdbc.sql("""
                        update ce_activity set certificate_name = ?, certificate_type = ?, certificate = ?
                        where id = ? and user_id = (select id from staff_user where username = ?)""")
                .params(CertificateCheck.safeName(certificate.fileName()), type, certificate.content(), activityId, username)
                .update();
        if (updated == 0) {
            throw new NoSuchElementException("CE activity " + activityId + " of " + username);
        }
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, null, "CeActivity", activityId, "certificate attached");
        return activity(username, activityId).orElseThrow();
    }

    @Override
    public Optional<Certificate> certificate(String username, long activityId) {
        return jdbc.sql("""
                        select a.certificate_name, a.certificate_type, a.certificate from ce_activity a
                        join staff_user u on u.id = a.user_id
                        where a.id = ? and u.username = ? and a.certificate is not null""")
                .params(activityId, username)
                .query((rs, i) -> new Certificate(rs.getString(1), rs.getString(2), rs.getBytes(3)))
                .optional();
    }

    @Override
    public List<CredentialProgress> progress(String username) {
        return recertification.progress(credentials(username), activities(username), LocalDate.now(clock));
    }

    @Override
    public List<TeamMemberStatus> needingAttention() {
        return team().stream().filter(TeamMemberStatus::needsAttention).toList();
    }

    @Override
    public List<TeamMemberStatus> team() {
        LocalDate today = LocalDate.now(clock);
        Map<String, List<StaffCredential>> held = jdbc.sql("""
                        select c.id, u.username, c.code, c.number, c.earned_on, c.cycle_start, c.cycle_end
                        from staff_credential c join staff_user u on u.id = c.user_id""")
                .query((rs, i) -> new StaffCredential(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class)))
                .list().stream().collect(Collectors.groupingBy(StaffCredential::username));
        Map<String, List<CeActivity>> logged = activities(jdbc.sql(ACTIVITIES)).stream()
                .collect(Collectors.groupingBy(CeActivity::username));
        List<TeamMemberStatus> team = new ArrayList<>();
        for (StaffMember member : staff.members()) {
            if (!member.enabled()) {
                continue;
            }
            List<StaffCredential> mine = held.getOrDefault(member.username(), List.of());
            List<String> roles = member.roles().stream().map(Enum::name).toList();
            List<String> unmet = recertification.unmetJobRequirements(roles, today, mine);
            if (mine.isEmpty() && unmet.isEmpty()) {
                continue;
            }
            team.add(new TeamMemberStatus(member.username(), member.fullName(), member.roles(),
                    recertification.progress(mine, logged.getOrDefault(member.username(), List.of()), today), unmet));
        }
        team.sort(Comparator.comparing((TeamMemberStatus t) -> !t.needsAttention())
                .thenComparing(t -> t.credentials().stream().mapToLong(CredentialProgress::daysLeft).min().orElse(Long.MAX_VALUE))
                .thenComparing(TeamMemberStatus::username));
        return team;
    }

    @Override
    public String exportCsv() {
        StringBuilder csv = new StringBuilder("username,full_name,roles,credential,body,cycle_start,cycle_end,ceus_required,"
                + "ceus_earned,hiim_required,hiim_earned,days_left,status,unmet_job_requirements\r\n");
        for (TeamMemberStatus member : team()) {
            String roles = member.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(" "));
            String unmet = String.join("; ", member.unmetJobRequirements());
            if (member.credentials().isEmpty()) {
                row(csv, member.username(), member.fullName(), roles, "", "", "", "", "", "", "", "", "", "", unmet);
            }
            for (CredentialProgress p : member.credentials()) {
                row(csv, member.username(), member.fullName(), roles, p.code(), p.body(), p.cycleStart().toString(),
                        p.cycleEnd().toString(), p.required().toPlainString(), p.earned().toPlainString(),
                        p.hiimRequired().toPlainString(), p.hiimEarned().toPlainString(), Long.toString(p.daysLeft()),
                        p.status().name(), unmet);
            }
        }
        audit.record(AuditAction.EXPORT, AuditOutcome.SUCCESS, null, "StaffCredential", null, "credentials export");
        return csv.toString();
    }

    private static void row(StringBuilder csv, String... cells) {
        csv.append(Arrays.stream(cells).map(Csv::cell).collect(Collectors.joining(","))).append("\r\n");
    }

    @Override
    public List<String> domains() {
        List<String> all = new ArrayList<>(rules.hiimDomains());
        all.add(rules.otherDomain());
        return all;
    }

    RecertificationRules rules() {
        return rules;
    }

    private long userId(String username) {
        return jdbc.sql("select id from staff_user where username = ?").param(username).query(Long.class)
                .optional().orElseThrow(() -> new StaffNotFoundException(username));
    }
}
