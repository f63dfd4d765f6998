-- Which local row each imported FHIR resource became, keyed on the source's own identity
-- (resource id or business identifier), so that importing the same bundle twice changes nothing.
create table fhir_source_map (
    resource_type text   not null,
    source_key    text   not null,
    local_id      bigint not null,
    patient_id    bigint,
    imported_at   timestamptz not null default now(),
    primary key (resource_type, source_key)
);
create index fhir_source_map_local on fhir_source_map (resource_type, local_id);

-- Practitioners and organizations the source refers to. They are directory data of the
-- sending system, not patients' data, so interop keeps them itself.
create table fhir_practitioner (
    id         bigserial primary key,
    npi        text,
    name       text not null
);
create table fhir_organization (
    id         bigserial primary key,
    name       text not null,
    city       text,
    state      text
);

-- Bulk export jobs ($export): the files are kept in the database until they expire.
create table fhir_export_job (
    id           uuid primary key,
    requested_by text        not null,
    requested_at timestamptz not null,
    status       text        not null check (status in ('IN_PROGRESS', 'COMPLETE', 'FAILED')),
    completed_at timestamptz,
    error        text
);
create table fhir_export_file (
    job_id        uuid   not null references fhir_export_job (id) on delete cascade,
    resource_type text   not null,
    resources     int    not null,
    body          text   not null,
    primary key (job_id, resource_type)
);
