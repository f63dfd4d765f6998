-- Confidentiality flags and break-the-glass (HIPAA 45 CFR 164.312(a)(2)(ii) emergency access procedure).
-- Flag kinds are data: a hospital adds its own (e.g. 'LEGAL' for a patient in litigation).
create table confidentiality_flag_kind (
    code                 text    primary key check (code ~ '^[A-Z_]{2,40}$'),
    label                text    not null,
    requires_break_glass boolean not null default true
);
insert into confidentiality_flag_kind (code, label, requires_break_glass) values
    ('VIP', 'VIP (public figure)', true),
    ('EMPLOYEE', 'Employee as patient', true),
    ('RESTRICTED', 'Restricted record', true),
    ('BEHAVIORAL_HEALTH', 'Behavioural health', true),
    ('SUBSTANCE_USE', 'Substance use disorder (42 CFR Part 2)', true),
    ('MINOR_CONFIDENTIAL', 'Confidential minor services', true);

create table confidentiality_flag (
    id           bigserial   primary key,
    patient_id   bigint      not null,
    kind         text        not null references confidentiality_flag_kind (code),
    set_by       text        not null,
    set_at       timestamptz not null,
    reason       text        not null,
    cleared_by   text,
    cleared_at   timestamptz,
    clear_reason text,
    check ((cleared_by is null) = (cleared_at is null))
);
create index confidentiality_flag_active on confidentiality_flag (patient_id) where cleared_at is null;

-- A break-the-glass grant: the user's stated reason (HL7 PurposeOfUse + text), the time-limited
-- access it opened, and the privacy officer's review of it, due by review_due.
create table break_glass_grant (
    id             bigserial   primary key,
    patient_id     bigint      not null,
    username       text        not null,
    purpose        text        not null check (purpose ~ '^[A-Z]{3,12}$'),
    reason         text        not null,
    granted_at     timestamptz not null,
    expires_at     timestamptz not null,
    review_due     timestamptz not null,
    review_outcome text        check (review_outcome in ('APPROPRIATE', 'INAPPROPRIATE_EDUCATION', 'INAPPROPRIATE_SANCTION')),
    review_note    text,
    reviewed_by    text,
    reviewed_at    timestamptz,
    check ((review_outcome is null) = (reviewed_at is null))
);
create index break_glass_grant_user on break_glass_grant (username, patient_id, expires_at);
create index break_glass_grant_open on break_glass_grant (review_due) where reviewed_at is null;
create index break_glass_grant_time on break_glass_grant (granted_at);

-- Flags and grants the privacy module moved to a surviving patient at a merge, to move back at an unmerge:
-- a VIP flag protects the person, whichever registration it was set on.
create table privacy_merge_move (
    merge_id  bigint not null,
    row_type  text   not null check (row_type in ('FLAG', 'GRANT')),
    row_id    bigint not null,
    primary key (merge_id, row_type, row_id)
);
