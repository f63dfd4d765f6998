-- The duplicate worklist: candidate pairs of registrations (patient_a < patient_b) with the score
-- they had when found, and the analyst's decision. A pair is never inserted twice, so a pair
-- decided "not the same person" never comes back, however often the index is scanned.
create table mpi_pair (
    id              bigserial primary key,
    patient_a       bigint           not null references patient (id),
    patient_b       bigint           not null references patient (id),
    weight          double precision not null,
    match_class     text             not null check (match_class in ('LINK', 'REVIEW')),
    overlay_risks   text             not null default '',
    source          text             not null check (source in ('SCAN', 'REGISTRATION', 'MERGE_REFUSED')),
    status          text             not null default 'OPEN'
                        check (status in ('OPEN', 'NEEDS_RESEARCH', 'SAME_PERSON', 'NOT_SAME')),
    found_at        timestamptz      not null,
    decided_by      text,
    decided_at      timestamptz,
    decision_reason text,
    merge_id        bigint references patient_merge (id),
    check (patient_a < patient_b),
    unique (patient_a, patient_b)
);
create index mpi_pair_pending on mpi_pair (status, weight desc);

-- Every decision on a pair, for the record and the per-analyst KPI.
create table mpi_decision (
    id         bigserial primary key,
    pair_id    bigint      not null references mpi_pair (id),
    decision   text        not null check (decision in ('NEEDS_RESEARCH', 'SAME_PERSON', 'NOT_SAME', 'UNMERGED')),
    reason     text        not null,
    decided_by text        not null,
    decided_at timestamptz not null,
    merge_id   bigint references patient_merge (id)
);
create index mpi_decision_by on mpi_decision (decided_by);
