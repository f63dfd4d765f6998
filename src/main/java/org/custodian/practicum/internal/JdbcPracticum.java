package org.custodian.practicum.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.custodian.audit.AuditAction;
import org.custodian.audit.AuditOutcome;
import org.custodian.audit.AuditTrail;
import org.custodian.coding.CodeSets;
import org.custodian.coding.CodingEdits;
import org.custodian.disclosure.ReleaseRules;
import org.custodian.practicum.CohortReport;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.ExerciseKind;
import org.custodian.practicum.Grade;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.Practicum;
import org.custodian.practicum.WorkItem;
import org.custodian.practicum.Workspace;
import org.custodian.privacy.Role;
import org.custodian.staff.StaffDirectory;
import org.custodian.staff.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Service
class JdbcPracticum implements Practicum {

    private static final TypeReference<List<WorkItem>> ITEMS = new TypeReference<>() { };
    private static final TypeReference<List<KeyEntry>> KEY = new TypeReference<>() { };
    private static final TypeReference<Map<String, String>> ANSWERS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final StaffDirectory staff;
    private final AuditTrail audit;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, ExerciseDefinition> bundled;
    private final CodeSets codeSets;
    private final CodingEdits codingEdits;
    private final ReleaseRules releaseRules;

    JdbcPracticum(JdbcClient jdbc, StaffDirectory staff, AuditTrail audit, Clock clock, CodeSets codeSets,
                  CodingEdits codingEdits, ReleaseRules releaseRules) {
        this.codeSets = codeSets;
        this.codingEdits = codingEdits;
        this.releaseRules = releaseRules;
        this.jdbc = jdbc;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
        try (InputStream in = getClass().getResourceAsStream("/practicum/exercises.json")) {
            List<ExerciseDefinition> list = json.readValue(in, new TypeReference<List<ExerciseDefinition>>() { });
            this.bundled = list.stream().collect(Collectors.toMap(ExerciseDefinition::id, Function.identity(),
                    (a, b) -> a, LinkedHashMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException("practicum/exercises.json: cannot be read", e);
        }
    }

    @Override
    public List<ExerciseDefinition> exercises() {
        List<ExerciseDefinition> all = new ArrayList<>(bundled.values());
        all.addAll(jdbc.sql("select definition from practicum_exercise order by id").query(String.class).list().stream()
                .map(d -> json.readValue(d, ExerciseDefinition.class)).toList());
        return all;
    }

    private ExerciseDefinition exercise(String id) {
        return exercises().stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no exercise '" + id + "'"));
    }

    @Override
    @Transactional
    public ExerciseDefinition defineExercise(ExerciseDefinition definition) {
        if (bundled.containsKey(definition.id())) {
            throw new IllegalArgumentException("id: '" + definition.id() + "' is a bundled exercise; choose another id");
        }
        generate(definition, 0); // an unknown planted error or an impossible size fails here, before anything is kept
        jdbc.sql("""
                        insert into practicum_exercise (id, kind, definition, created_by, created_at) values (?, ?, ?::jsonb, ?, ?)
                        on conflict (id) do update set kind = excluded.kind, definition = excluded.definition,
                            created_by = excluded.created_by, created_at = excluded.created_at""")
                .params(definition.id(), definition.kind().name(), json.writeValueAsString(definition), currentUser(), now())
                .update();
        audit.record(AuditAction.ADMIN, AuditOutcome.SUCCESS, null, "PracticumExercise", definition.id(), null);
        return definition;
    }

    /** A student's copy: coding keys are checked against the code sets, release decisions come from the disclosure rules. */
    GeneratedExercise generate(ExerciseDefinition definition, long variant) {
        return switch (definition.kind()) {
            case CODING -> CodingExerciseGenerator.generate(definition, variant, codeSets);
            case RELEASE_OF_INFORMATION -> RoiExerciseGenerator.generate(definition, variant, releaseRules);
            default -> generateRecords(definition, variant);
        };
    }

    /** The exercises over synthetic registrations and access logs, which need nothing of the other modules. */
    static GeneratedExercise generateRecords(ExerciseDefinition definition, long variant) {
        if (definition.size() < 10) {
            throw new IllegalArgumentException("size: at least 10 for " + definition.kind().title());
        }
        return switch (definition.kind()) {
            case MPI -> MpiExerciseGenerator.generate(definition, variant);
            case PRIVACY_AUDIT -> PrivacyAuditGenerator.generate(definition, variant);
            default -> throw new IllegalArgumentException("kind: " + definition.kind() + " needs the coding or disclosure rules");
        };
    }

    @Override
    public List<KeyEntry> key(long workspaceId) {
        requireCohort(jdbc.sql("select cohort_id from practicum_workspace where id = ?").param(workspaceId).query(Long.class)
                .optional().orElseThrow(() -> new NoSuchElementException("no practicum workspace " + workspaceId)));
        return storedKey(workspaceId);
    }

    /** The key as stored, for grading a submission (the student never sees it). */
    private List<KeyEntry> storedKey(long workspaceId) {
        return jdbc.sql("select answer_key from practicum_workspace where id = ?").param(workspaceId).query(String.class)
                .optional().map(k -> json.readValue(k, KEY))
                .orElseThrow(() -> new NoSuchElementException("no practicum workspace " + workspaceId));
    }

    @Override
    @Transactional
    public long createCohort(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("name: 1 to 200 characters");
        }
        long id = jdbc.sql("insert into practicum_cohort (name, instructor, created_at) values (?, ?, ?) returning id")
                .params(name.strip(), currentUser(), now()).query(Long.class).single();
        audit.record(AuditAction.CREATE, AuditOutcome.SUCCESS, null, "PracticumCohort", id, null);
        return id;
    }

    @Override
    @Transactional
    public void enroll(long cohortId, List<String> students) {
        requireCohort(cohortId);
        for (String student : students) {
            StaffMember member = staff.find(student)
                    .orElseThrow(() -> new IllegalArgumentException("students: no account named '" + student + "'"));
            // A student account sees only its exercises; enrolling staff who can read charts would blur the line.
            if (!member.roles().equals(java.util.Set.of(Role.STUDENT))) {
                throw new IllegalArgumentException("students: '" + student + "' must have the HIM student role and no other");
            }
            jdbc.sql("insert into practicum_enrollment (cohort_id, student) values (?, ?) on conflict do nothing")
                    .params(cohortId, student).update();
        }
    }

    @Override
    @Transactional
    public List<Long> assign(long cohortId, String exerciseId) {
        requireCohort(cohortId);
        ExerciseDefinition definition = exercise(exerciseId);
        List<Long> created = new ArrayList<>();
        for (String student : students(cohortId)) {
            // Each student gets their own variant of the seed, so neighbours cannot share answers.
            GeneratedExercise copy = generate(definition, variant(definition, student));
            jdbc.sql("""
                            insert into practicum_workspace (cohort_id, exercise_id, student, definition, items, answer_key, created_at)
                            values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?)
                            on conflict (cohort_id, exercise_id, student) do nothing returning id""")
                    .params(cohortId, exerciseId, student, json.writeValueAsString(definition),
                            json.writeValueAsString(copy.items()), json.writeValueAsString(copy.key()), now())
                    .query(Long.class).optional().ifPresent(created::add);
        }
        audit.record(AuditAction.CREATE, AuditOutcome.SUCCESS, null, "PracticumAssignment", cohortId, exerciseId);
        return created;
    }

    private List<String> students(long cohortId) {
        return jdbc.sql("select student from practicum_enrollment where cohort_id = ? order by student")
                .param(cohortId).query(String.class).list();
    }

    /**
     * A cohort of the current instructor's own (an administrator, staff:manage, oversees all): an
     * instructor neither reads nor changes another's cohorts, grades or keys (issue 22, finding 8;
     * minimum necessary). Another's cohort reads as missing.
     */
    private void requireCohort(long cohortId) {
        String instructor = jdbc.sql("select instructor from practicum_cohort where id = ?").param(cohortId)
                .query(String.class).optional().orElse(null);
        if (instructor == null || !(instructor.equals(currentUser()) || overseesAll())) {
            throw new NoSuchElementException("no practicum cohort " + cohortId + " of yours");
        }
    }

    private static boolean overseesAll() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream()
                .anyMatch(a -> org.custodian.privacy.Permission.STAFF_MANAGE.authority().equals(a.getAuthority()));
    }

    /**
     * The variant of an exercise for one student: HMAC-SHA256 of the public seed, the exercise and
     * the student under a server-side secret, so that the seed alone does not give the key away.
     */
    long variant(ExerciseDefinition definition, String student) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret(), "HmacSHA256"));
            byte[] h = mac.doFinal((definition.seed() + "\n" + definition.id() + "\n" + student)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(h).getLong() & Long.MAX_VALUE;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private volatile byte[] secret;

    private byte[] secret() {
        if (secret == null) {
            byte[] fresh = new byte[32];
            new java.security.SecureRandom().nextBytes(fresh);
            jdbc.sql("insert into practicum_secret (id, secret) values (1, ?) on conflict (id) do nothing").param(fresh).update();
            secret = jdbc.sql("select secret from practicum_secret where id = 1").query(byte[].class).single();
        }
        return secret;
    }

    private static final String WORKSPACE = """
            select id, cohort_id, exercise_id, student, definition, items, answers, opened_at, submitted_at, grade
            from practicum_workspace""";

    private Workspace workspace(java.sql.ResultSet rs) throws java.sql.SQLException {
        ExerciseDefinition d = json.readValue(rs.getString("definition"), ExerciseDefinition.class);
        String grade = rs.getString("grade");
        return new Workspace(rs.getLong("id"), rs.getLong("cohort_id"), rs.getString("exercise_id"), d.kind(), d.title(),
                d.instructions(), rs.getString("student"), json.readValue(rs.getString("items"), ITEMS),
                json.readValue(rs.getString("answers"), ANSWERS), instant(rs.getObject("opened_at", OffsetDateTime.class)),
                instant(rs.getObject("submitted_at", OffsetDateTime.class)),
                grade == null ? null : json.readValue(grade, Grade.class));
    }

    @Override
    public List<Workspace> workspacesOf(String student) {
        return jdbc.sql(WORKSPACE + " where student = ? order by id").param(student).query((rs, i) -> workspace(rs)).list();
    }

    @Override
    @Transactional
    public Optional<Workspace> open(String student, long workspaceId) {
        jdbc.sql("update practicum_workspace set opened_at = ? where id = ? and student = ? and opened_at is null")
                .params(now(), workspaceId, student).update();
        return find(student, workspaceId);
    }

    private Optional<Workspace> find(String student, long workspaceId) {
        return jdbc.sql(WORKSPACE + " where id = ? and student = ?").params(workspaceId, student)
                .query((rs, i) -> workspace(rs)).optional();
    }

    @Override
    @Transactional
    public Workspace answer(String student, long workspaceId, Map<String, String> answers) {
        Workspace ws = find(student, workspaceId)
                .orElseThrow(() -> new NoSuchElementException("no practicum workspace " + workspaceId + " of yours"));
        if (ws.submitted()) {
            throw new IllegalStateException("workspace " + workspaceId + " was submitted and graded; answers are final");
        }
        Map<String, String> merged = new LinkedHashMap<>(ws.answers());
        java.util.Set<String> itemIds = ws.items().stream().map(WorkItem::id).collect(Collectors.toSet());
        for (Map.Entry<String, String> a : answers.entrySet()) {
            String value = ExerciseAnswers.check(ws.kind(), itemIds, a.getKey(), a.getValue());
            if (value == null) {
                merged.remove(a.getKey()); // a field emptied on the form
            } else {
                merged.put(a.getKey(), value);
            }
        }
        jdbc.sql("update practicum_workspace set answers = ?::jsonb, opened_at = coalesce(opened_at, ?) where id = ?")
                .params(json.writeValueAsString(merged), now(), workspaceId).update();
        return find(student, workspaceId).orElseThrow();
    }

    @Override
    @Transactional
    public Grade submit(String student, long workspaceId) {
        Workspace ws = find(student, workspaceId)
                .orElseThrow(() -> new NoSuchElementException("no practicum workspace " + workspaceId + " of yours"));
        if (ws.submitted()) {
            return ws.grade();
        }
        Grade grade = switch (ws.kind()) {
            case CODING -> CodingGrader.grade(ws.items(), storedKey(workspaceId), ws.answers(), codingEdits);
            case RELEASE_OF_INFORMATION -> RoiGrader.grade(storedKey(workspaceId), ws.answers());
            default -> Grader.grade(ws.kind(), storedKey(workspaceId), ws.answers());
        };
        jdbc.sql("""
                        update practicum_workspace set submitted_at = ?, grade = ?::jsonb, opened_at = coalesce(opened_at, ?)
                        where id = ?""")
                .params(now(), json.writeValueAsString(grade), now(), workspaceId).update();
        audit.record(AuditAction.UPDATE, AuditOutcome.SUCCESS, null, "PracticumWorkspace", workspaceId, "submitted");
        return grade;
    }

    @Override
    public CohortReport report(long cohortId) {
        requireCohort(cohortId);
        String name = jdbc.sql("select name from practicum_cohort where id = ?").param(cohortId).query(String.class)
                .optional().orElseThrow(() -> new NoSuchElementException("no practicum cohort " + cohortId));
        List<Workspace> all = jdbc.sql(WORKSPACE + " where cohort_id = ? order by student, exercise_id").param(cohortId)
                .query((rs, i) -> workspace(rs)).list();
        List<CohortReport.Result> results = new ArrayList<>();
        Map<String, Long> mistakes = new LinkedHashMap<>();
        for (Workspace ws : all) {
            Grade g = ws.grade();
            Duration spent = ws.openedAt() == null ? null
                    : Duration.between(ws.openedAt(), ws.submittedAt() != null ? ws.submittedAt() : clock.instant());
            results.add(new CohortReport.Result(ws.student(), ws.exerciseId(), ws.id(), ws.submitted(),
                    g == null ? null : g.score(), g == null ? null : g.precision(), g == null ? null : g.recall(),
                    g == null ? null : g.overlays(), spent));
            if (g != null) {
                for (Grade.Miss m : g.misses()) {
                    mistakes.merge(ws.exerciseId() + "\u0000" + m.planted(), 1L, Long::sum);
                }
            }
        }
        List<CohortReport.FrequentMistake> frequent = mistakes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> new CohortReport.FrequentMistake(e.getKey().split("\u0000")[0], e.getKey().split("\u0000")[1], e.getValue()))
                .toList();
        return new CohortReport(cohortId, name, students(cohortId), results, frequent);
    }

    @Override
    public List<CohortSummary> cohorts() {
        return jdbc.sql("""
                        select c.id, c.name, c.instructor, (select count(*) from practicum_enrollment e where e.cohort_id = c.id)
                        from practicum_cohort c where c.instructor = :me or :all order by c.id desc""")
                .param("me", currentUser()).param("all", overseesAll())
                .query((rs, i) -> new CohortSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4))).list();
    }

    @Override
    public String gradesCsv(long cohortId) {
        CohortReport report = report(cohortId);
        StringBuilder csv = new StringBuilder("student,exercise,submitted,score,precision,recall,overlays,minutes_spent\r\n");
        for (CohortReport.Result r : report.results()) {
            csv.append(String.join(",", csvText(r.student()), csvText(r.exerciseId()), Boolean.toString(r.submitted()),
                    r.score() == null ? "" : String.valueOf(r.score()),
                    r.precision() == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", r.precision()),
                    r.recall() == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", r.recall()),
                    r.overlays() == null ? "" : String.valueOf(r.overlays()),
                    r.timeSpent() == null ? "" : String.valueOf(r.timeSpent().toMinutes()))).append("\r\n");
        }
        return csv.toString();
    }

    /** A text cell defused against formula injection (OWASP CSV injection: = + - @ tab CR) and quoted per RFC 4180. */
    static String csvText(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? AuditTrail.SYSTEM_USER : auth.getName();
    }
}
