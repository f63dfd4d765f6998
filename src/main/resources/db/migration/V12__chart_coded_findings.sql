-- Conditions and procedures as the source system coded them (SNOMED CT, ICD-10-CM, ...), kept
-- beside the encounter so the coding module can offer them as suggestions. They are the
-- clinician's findings, not the coded abstract: the coder still assigns the final codes.
create table chart_finding (
    id           bigserial primary key,
    patient_id   bigint      not null references patient (id),
    encounter_id bigint      references encounter (id),
    kind         text        not null check (kind in ('CONDITION', 'PROCEDURE')),
    code_system  text        not null,
    code         text        not null,
    display      text,
    performed_at timestamptz,
    recorded_at  timestamptz
);
create index chart_finding_encounter on chart_finding (encounter_id, kind);
create index chart_finding_patient on chart_finding (patient_id, kind);
