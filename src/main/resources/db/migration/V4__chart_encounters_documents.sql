create table encounter (
    id                    bigserial primary key,
    patient_id            bigint      not null references patient (id),
    encounter_number      text        not null unique,
    encounter_class       text        not null check (encounter_class in ('INPATIENT', 'OUTPATIENT', 'EMERGENCY')),
    admit_at              timestamptz not null,
    discharge_at          timestamptz,
    attending_provider    text,
    service               text,
    discharge_disposition text,
    check (discharge_at is null or discharge_at >= admit_at)
);
create index encounter_patient on encounter (patient_id, admit_at desc);

create table clinical_document (
    id           bigserial primary key,
    patient_id   bigint      not null references patient (id),
    encounter_id bigint      references encounter (id),
    doc_type     text        not null,
    loinc_code   text        not null,
    title        text        not null,
    author       text        not null,
    body         text        not null,
    status       text        not null check (status in ('DRAFT', 'UNSIGNED', 'SIGNED', 'AMENDED')),
    created_at   timestamptz not null,
    signed_by    text,
    signed_at    timestamptz,
    check ((status in ('SIGNED', 'AMENDED')) = (signed_by is not null and signed_at is not null))
);
create index clinical_document_patient on clinical_document (patient_id, created_at desc);
create index clinical_document_encounter on clinical_document (encounter_id);

create sequence encounter_number_seq start 50000001;
