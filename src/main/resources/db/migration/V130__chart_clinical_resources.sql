-- Every clinical resource that arrives (FHIR bundles and NDJSON), kept as received: the designated
-- record set of 45 CFR 164.501 holds labs, vitals, medications, allergies, immunizations, care
-- plans, claims and the rest, not only what the chart's own tables model. The resource is kept as
-- JSONB beside extracted, indexed search columns; fhir_id is the id it is served under
-- (the sender's id when it is a UUID, as Synthea's are; otherwise a local one).
create table clinical_resource (
    id            bigserial   primary key,
    resource_type text        not null,
    fhir_id       text        not null,
    -- who sent it and the key a re-import is recognised by ("id:<uuid>" or "id:<sender>|<id>")
    source        text        not null,
    source_key    text        not null,
    version       integer     not null default 1,
    last_updated  timestamptz not null,
    patient_id    bigint      references patient (id),
    encounter_id  bigint      references encounter (id),
    status        text,
    date_start    timestamptz,
    date_end      timestamptz,
    -- search terms: "param=system|code", "param=code", "param=system|" for tokens,
    -- "param=Type/id" for references, "param:lowercased text" for strings
    terms         text[]      not null default '{}',
    resource      jsonb       not null,
    destroyed_at  timestamptz,
    destruction_certificate text,
    unique (resource_type, fhir_id),
    unique (resource_type, source_key)
);
create index clinical_resource_patient on clinical_resource (patient_id, resource_type, date_start);
create index clinical_resource_encounter on clinical_resource (encounter_id) where encounter_id is not null;
create index clinical_resource_type_date on clinical_resource (resource_type, date_start);
create index clinical_resource_terms on clinical_resource using gin (terms);
create index clinical_resource_updated on clinical_resource (resource_type, last_updated);

alter table chart_merge_move drop constraint chart_merge_move_row_type_check;
alter table chart_merge_move add constraint chart_merge_move_row_type_check
    check (row_type in ('ENCOUNTER', 'DOCUMENT', 'FINDING', 'AMENDMENT', 'RESOURCE'));
