-- Coded abstracts, the coder worklist and the dual-coding audit sample (coding module).
-- Encounter and patient ids refer to the chart's and the patient module's rows; no foreign keys
-- across modules (each module owns its tables), the worklist is fed by EncounterDischarged.

-- The discharged encounters waiting for coding, as EncounterDischarged announced them.
create table coding_worklist (
    encounter_id    bigint      primary key,
    patient_id      bigint      not null,
    encounter_class text        not null,
    discharge_at    timestamptz not null,
    queued_at       timestamptz not null
);
create index coding_worklist_discharge on coding_worklist (discharge_at);

-- One abstract per encounter and kind: BILLING is the coder's (what the claim is built from),
-- AUDIT is an auditor's blind re-coding of the same chart for the dual-coding audit.
create table coding_abstract (
    id                    bigserial   primary key,
    encounter_id          bigint      not null,
    patient_id            bigint      not null,
    kind                  text        not null check (kind in ('BILLING', 'AUDIT')),
    status                text        not null check (status in ('IN_PROGRESS', 'FINAL')),
    discharge_disposition text,       -- UB-04 FL17 patient discharge status
    admit_source          text,       -- UB-04 FL15 point of origin
    coder                 text        not null,
    started_at            timestamptz not null,
    saved_at              timestamptz not null,
    finalized_at          timestamptz,
    unique (encounter_id, kind),
    check ((status = 'FINAL') = (finalized_at is not null))
);
create index coding_abstract_final on coding_abstract (kind, status, finalized_at);

-- The codes of an abstract in order: position 0 of each system is the principal.
create table coding_abstract_code (
    abstract_id    bigint  not null references coding_abstract (id) on delete cascade,
    system         text    not null check (system in ('icd10cm', 'icd10pcs')),
    position       integer not null check (position >= 0),
    code           text    not null,   -- without the dot
    poa            text,              -- Y, N, U, W, 1 or blank; stored as entered, the edits judge it
    procedure_date date,
    primary key (abstract_id, system, position)
);

-- Encounters drawn for the dual-coding audit: the auditor codes them blind.
create table coding_audit_sample (
    encounter_id bigint      primary key,
    drawn_at     timestamptz not null,
    drawn_by     text        not null
);
