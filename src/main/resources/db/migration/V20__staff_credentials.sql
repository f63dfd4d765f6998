-- Professional credentials (AHIMA, AAPC, …) and continuing-education activities of staff members.
-- The recertification rules themselves are data (reference/staff/recertification-rules.json).
create table staff_credential (
    id          bigserial primary key,
    user_id     bigint not null references staff_user (id) on delete cascade,
    code        text   not null check (code ~ '^[A-Z0-9-]{2,16}$'),
    number      text,
    earned_on   date   not null,
    cycle_start date   not null,
    cycle_end   date   not null,
    check (cycle_end > cycle_start),
    unique (user_id, code)
);

create table ce_activity (
    id                   bigserial primary key,
    user_id              bigint        not null references staff_user (id) on delete cascade,
    completed_on         date          not null,
    title                text          not null,
    provider             text,
    ceus                 numeric(5, 2) not null check (ceus > 0 and ceus <= 100),
    domain               text          not null,
    certificate_name     text,
    certificate_type     text check (certificate_type in ('application/pdf', 'image/png', 'image/jpeg')),
    certificate          bytea,
    logged_at            timestamptz   not null,
    check ((certificate is null) = (certificate_type is null))
);
create index ce_activity_user on ce_activity (user_id, completed_on);
