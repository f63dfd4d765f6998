-- Each scan of the master patient index for duplicate registrations (scheduled, started by an analyst,
-- the demo hospital's first start): when it ran, how far it got (the phase, shown
-- on the worklist while it runs) and what it found. A scheduled run claims its hospital day once
-- (scheduled_for is unique), so a restart or a second instance does not scan twice the same night.
create table mpi_scan_run (
    id             bigserial primary key,
    trigger        text        not null check (trigger in ('SCHEDULED', 'ANALYST', 'DEMO')),
    started_by     text        not null,
    scheduled_for  date unique,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    status         text        not null default 'RUNNING' check (status in ('RUNNING', 'DONE', 'FAILED', 'INTERRUPTED')),
    phase          text,
    registrations  integer,
    compared_pairs bigint,
    link_pairs     integer,
    review_pairs   integer,
    new_pairs      integer,
    seconds        double precision,
    error          text
);
create index mpi_scan_run_started on mpi_scan_run (started_at desc);
