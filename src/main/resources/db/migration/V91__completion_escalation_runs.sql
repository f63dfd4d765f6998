-- The daily escalation job's runs: one row per hospital date, claimed before the ladder is climbed,
-- so the job runs once a day even with several instances or a restart after the escalation time.
create table completion_escalation_run (
    run_on   date        primary key,
    ran_at   timestamptz not null,
    actor    text        not null,
    letters  integer
);
