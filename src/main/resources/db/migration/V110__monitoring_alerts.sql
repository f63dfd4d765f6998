-- Privacy monitoring (45 CFR 164.308(a)(1)(ii)(D)): rules as data, the scan's place in the audit log,
-- alerts with the rules that fired and the accesses behind them, and the privacy officer's decisions.
create table monitoring_rule (
    code        text    primary key,
    title       text    not null,
    weight      integer not null check (weight between 0 and 1000),
    explanation text    not null,
    enabled     boolean not null default true,
    updated_by  text    not null default 'system',
    updated_at  timestamptz not null default now()
);
insert into monitoring_rule (code, title, weight, explanation) values
    ('SELF_ACCESS', 'Self-access', 100, 'A workforce member opened their own record outside the patient-access process'),
    ('SAME_ADDRESS', 'Same address or household', 80, 'The user and the patient share a home address: family, household or neighbour'),
    ('SAME_FAMILY_NAME', 'Same family name', 60, 'The user and the patient share a family name: a relative is the most common snooping target'),
    ('CO_WORKER', 'Co-worker', 60, 'The patient is a member of the workforce'),
    ('VIP', 'VIP', 40, 'The patient is a public figure: curiosity is the common motive'),
    ('DECEASED', 'Deceased patient', 50, 'A deceased patient''s record opened without a work reason'),
    ('AFTER_DISCHARGE', 'After discharge, outside HIM', 25, 'Record opened after discharge by a user outside health information management'),
    ('VOLUME', 'Volume above role baseline', 40, 'Far more unexplained patients in a day than others in the same role'),
    ('OFF_HOURS', 'Off-hours', 15, 'Opened outside working hours without a work reason');

-- How far the monitor has read the audit log.
create table monitoring_cursor (
    id       integer primary key check (id = 1),
    last_seq bigint  not null,
    scanned_at timestamptz not null
);
insert into monitoring_cursor values (1, 0, now());

create table monitoring_alert (
    id           bigserial   primary key,
    username     text        not null,
    patient_id   bigint      not null,
    day          date        not null,
    score        integer     not null,
    first_at     timestamptz not null,
    last_at      timestamptz not null,
    created_at   timestamptz not null,
    decision     text        check (decision in ('APPROPRIATE', 'INAPPROPRIATE_EDUCATION', 'INAPPROPRIATE_SANCTION', 'FALSE_POSITIVE')),
    decision_note text,
    decided_by   text,
    decided_at   timestamptz,
    check ((decision is null) = (decided_at is null)),
    unique (username, patient_id, day)
);
create index monitoring_alert_time on monitoring_alert (first_at);
create index monitoring_alert_open on monitoring_alert (score desc) where decision is null;

create table monitoring_alert_rule (
    alert_id     bigint  not null references monitoring_alert (id),
    rule         text    not null,
    contribution integer not null,
    explanation  text    not null,
    primary key (alert_id, rule)
);

create table monitoring_alert_access (
    alert_id bigint      not null references monitoring_alert (id),
    seq      bigint      not null,
    at       timestamptz not null,
    resource text,
    primary key (alert_id, seq)
);

-- Distinct unexplained patients per user and day, for the volume rule across the scan's small batches.
create table monitoring_unexplained (
    username   text   not null,
    day        date   not null,
    roles      text   not null,
    patient_id bigint not null,
    primary key (username, day, patient_id)
);

-- Deaths the monitor learned from discharges with disposition 'expired' (UB-04 status 20).
create table monitoring_deceased (
    patient_id bigint      primary key,
    died_at    timestamptz not null
);
