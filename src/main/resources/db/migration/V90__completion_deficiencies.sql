-- Record completion: the deficiency rules (versioned data with their citation and the bylaw
-- default, editable by the HIM director), the completion policy (delinquency days, the
-- escalation ladder, the delinquency formula and its alert level, also versioned), the
-- deficiencies themselves, the escalation letters and the suspensions.
create table deficiency_rule (
    code        text        not null check (code ~ '^[A-Z0-9_]{2,40}$'),
    version     integer     not null check (version > 0),
    title       text        not null,
    citation    text        not null,
    anchor      text        not null check (anchor in ('ADMISSION', 'SURGERY', 'DISCHARGE', 'DOCUMENT', 'MANUAL')),
    due_hours   integer     not null check (due_hours >= 0),
    automatic   boolean     not null,
    active      boolean     not null default true,
    note        text,
    edited_by   text        not null,
    edited_at   timestamptz not null,
    primary key (code, version)
);

insert into deficiency_rule (code, version, title, citation, anchor, due_hours, automatic, note, edited_by, edited_at) values
 ('HISTORY_AND_PHYSICAL', 1, 'History and physical within 24 hours after admission (or within 30 days before, with an update note within 24 hours after)',
  '42 CFR 482.22(c)(5)(i)', 'ADMISSION', 24, true, 'Pre-admission window: 30 days', 'system', now()),
 ('HP_BEFORE_SURGERY', 1, 'History and physical on the record before surgery',
  '42 CFR 482.22(c)(5)(i); 482.51(b)(1)', 'SURGERY', 0, true, null, 'system', now()),
 ('OPERATIVE_REPORT', 1, 'Operative report immediately after surgery, before transfer to the next level of care',
  '42 CFR 482.51(b)(6)', 'SURGERY', 24, true, 'Bylaw default: within 24 hours of surgery', 'system', now()),
 ('DISCHARGE_SUMMARY', 1, 'Discharge summary for every inpatient discharge',
  '42 CFR 482.24(c)(4)(vii)', 'DISCHARGE', 168, true, 'Bylaw default: within 7 days of discharge', 'system', now()),
 ('AUTHENTICATION', 1, 'Every entry authenticated by its author',
  '42 CFR 482.24(c)(1)', 'DOCUMENT', 72, true, 'Bylaw default: signed within 72 hours of being written', 'system', now()),
 ('VERBAL_ORDER', 1, 'Verbal orders authenticated within the time state law sets',
  '42 CFR 482.24(c)(3)', 'MANUAL', 48, false, 'State law sets the hours (48 by default here); kept as a manual deficiency until orders are in the chart', 'system', now()),
 ('INFORMED_CONSENT', 1, 'Properly executed informed consent for procedures',
  '42 CFR 482.24(c)(4)(v); 482.51(b)(2)', 'MANUAL', 24, false, 'A manual deficiency: consent forms arrive scanned', 'system', now()),
 ('SCANNED_SIGNATURE', 1, 'Missing signature on a scanned form',
  '42 CFR 482.24(c)(1)', 'MANUAL', 72, false, null, 'system', now()),
 ('WRONG_PATIENT', 1, 'Document filed to the wrong patient',
  '42 CFR 482.24(b)', 'MANUAL', 24, false, null, 'system', now()),
 ('ILLEGIBLE', 1, 'Illegible entry',
  '42 CFR 482.24(c)', 'MANUAL', 72, false, null, 'system', now());

create table completion_policy (
    version            integer       not null primary key check (version > 0),
    delinquent_days    integer       not null check (delinquent_days between 1 and 365),
    reminder_day       integer       not null,
    chair_day          integer       not null,
    suspension_day     integer       not null,
    formula            text          not null check (formula in ('MONTHLY_DISCHARGES', 'PERIOD_DISCHARGES')),
    alert_percent      numeric(5, 2) not null check (alert_percent > 0),
    edited_by          text          not null,
    edited_at          timestamptz   not null,
    check (reminder_day <= chair_day and chair_day <= suspension_day)
);
-- 42 CFR 482.24(c)(4)(viii): complete within 30 days of discharge. The 50% alert level is the
-- Joint Commission's former IM standard (retired in 2016), kept because bylaws still cite it.
insert into completion_policy values (1, 30, 21, 37, 45, 'MONTHLY_DISCHARGES', 50.00, 'system', now());

create table deficiency (
    id              bigserial primary key,
    patient_id      bigint      not null,
    encounter_id    bigint      not null,
    practitioner_id bigint,
    rule_code       text        not null,
    rule_version    integer     not null,
    automatic       boolean     not null,
    document_id     bigint,
    missing_type    text,
    description     text,
    opened_at       timestamptz not null,
    due_at          timestamptz not null,
    state           text        not null check (state in ('OPEN', 'CLOSED')),
    closed_at       timestamptz,
    closed_by       text,
    closed_reason   text,
    created_by      text        not null,
    foreign key (rule_code, rule_version) references deficiency_rule (code, version),
    check ((state = 'CLOSED') = (closed_at is not null))
);
create index deficiency_open_practitioner on deficiency (practitioner_id, due_at) where state = 'OPEN';
create index deficiency_encounter on deficiency (encounter_id);
create index deficiency_patient on deficiency (patient_id);
-- One open automatic deficiency per encounter, rule and document (or missing type).
create unique index deficiency_one_open_auto on deficiency (encounter_id, rule_code, coalesce(document_id, 0), coalesce(missing_type, ''))
    where state = 'OPEN' and automatic;

-- The analyst's queue: encounters analysed, and when (discharged charts not yet analysed are the worklist).
create table completion_analysis (
    encounter_id   bigint      primary key,
    patient_id     bigint      not null,
    analysed_at    timestamptz not null,
    analysed_by    text
);
create index completion_analysis_patient on completion_analysis (patient_id);

create table completion_letter (
    id               bigserial primary key,
    practitioner_id  bigint      not null,
    step             text        not null check (step in ('REMINDER', 'CHAIR_NOTICE', 'SUSPENSION')),
    issued_at        timestamptz not null,
    issued_on        date        not null,
    open_deficiencies integer    not null,
    oldest_days      integer     not null,
    pdf              bytea       not null,
    resolved_at      timestamptz
);
create unique index completion_letter_one_per_step on completion_letter (practitioner_id, step) where resolved_at is null;

create table completion_suspension (
    id              bigserial primary key,
    practitioner_id bigint      not null,
    suspended_at    timestamptz not null,
    letter_id       bigint      references completion_letter (id),
    lifted_at       timestamptz,
    lifted_by       text,
    lift_reason     text
);
create unique index completion_suspension_one_active on completion_suspension (practitioner_id) where lifted_at is null;

-- Deficiencies and analysis marks follow their encounter when the patient module merges two
-- registrations (the chart moves the encounter), and move back on an unmerge.
create table completion_merge_move (
    merge_id  bigint not null,
    row_type  text   not null,
    row_id    bigint not null,
    primary key (merge_id, row_type, row_id)
);
