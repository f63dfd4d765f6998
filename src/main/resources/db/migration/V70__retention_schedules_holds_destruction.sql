-- Retention schedules: how long a record type is kept in a jurisdiction, with the longer period
-- for minors (age of majority + N years). Data, not code: edited through /api/retention/schedules.
create table retention_schedule (
    id                   bigserial primary key,
    jurisdiction         text        not null,
    record_type          text        not null,
    retain_years         int         not null check (retain_years between 1 and 100),
    age_of_majority      int         not null default 18 check (age_of_majority between 14 and 25),
    years_after_majority int         not null default 0 check (years_after_majority between 0 and 50),
    authority            text        not null,
    updated_by           text        not null,
    updated_at           timestamptz not null,
    unique (jurisdiction, record_type)
);

-- The federal floor for hospitals participating in Medicare: 42 CFR 482.24(b)(1), five years.
-- A state's longer rule is added as rows for its jurisdiction (and chosen with custodian.retention.jurisdiction).
insert into retention_schedule (jurisdiction, record_type, retain_years, age_of_majority, years_after_majority, authority, updated_by, updated_at)
values ('US', '*', 5, 18, 0, '42 CFR 482.24(b)(1): medical records retained at least 5 years', 'system', now());

create table legal_hold (
    id             bigserial primary key,
    patient_id     bigint      not null,
    encounter_id   bigint,
    matter         text        not null,
    reason         text        not null,
    placed_by      text        not null,
    placed_at      timestamptz not null,
    released_by    text,
    released_at    timestamptz,
    release_reason text,
    check ((released_by is null) = (released_at is null))
);
create index legal_hold_patient on legal_hold (patient_id) where released_at is null;

create sequence certificate_of_destruction_seq start 1;

create table destruction (
    id                 bigserial primary key,
    status             text        not null default 'PROPOSED' check (status in ('PROPOSED', 'DESTROYED')),
    jurisdiction       text        not null,
    method             text        not null,
    reason             text        not null,
    proposed_by        text        not null,
    proposed_at        timestamptz not null,
    destroyed_at       timestamptz,
    certificate_number text unique,
    certificate_pdf    bytea,
    check ((status = 'DESTROYED') = (certificate_number is not null and destroyed_at is not null and certificate_pdf is not null))
);

create table destruction_item (
    destruction_id   bigint not null references destruction (id),
    encounter_id     bigint not null,
    patient_id       bigint not null,
    mrn              text   not null,
    encounter_number text   not null,
    record_type      text   not null,
    service_end      date   not null,
    retain_until     date   not null,
    document_count   int    not null,
    primary key (destruction_id, encounter_id)
);
create index destruction_item_encounter on destruction_item (encounter_id);

-- Two approvals by two different people, neither the proposer (checked in code under a row lock;
-- the primary key keeps one person from approving twice).
create table destruction_approval (
    destruction_id bigint      not null references destruction (id),
    approved_by    text        not null,
    approved_at    timestamptz not null,
    primary key (destruction_id, approved_by)
);
