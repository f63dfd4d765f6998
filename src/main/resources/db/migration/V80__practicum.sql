-- Practicum: exercises defined as data, cohorts of students, and each student's isolated copy of
-- an exercise (synthetic records only) with its answer key, answers and grade.
create table practicum_exercise (
    id         text primary key check (id ~ '^[a-z0-9-]{3,40}$'),
    kind       text        not null,
    definition jsonb       not null,
    created_by text        not null,
    created_at timestamptz not null
);

create table practicum_cohort (
    id         bigserial primary key,
    name       text        not null,
    instructor text        not null,
    created_at timestamptz not null
);

create table practicum_enrollment (
    cohort_id bigint not null references practicum_cohort (id) on delete cascade,
    student   text   not null,
    primary key (cohort_id, student)
);

create table practicum_workspace (
    id           bigserial primary key,
    cohort_id    bigint      not null references practicum_cohort (id) on delete cascade,
    exercise_id  text        not null,
    student      text        not null,
    definition   jsonb       not null,
    items        jsonb       not null,
    answer_key   jsonb       not null,
    answers      jsonb       not null default '{}',
    created_at   timestamptz not null,
    opened_at    timestamptz,
    submitted_at timestamptz,
    grade        jsonb,
    unique (cohort_id, exercise_id, student)
);
create index practicum_workspace_student on practicum_workspace (student);
