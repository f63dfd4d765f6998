-- Master patient index: merges of duplicate registrations and their undoing.
-- A retired record stays (merged_into names its survivor): its MRN remains an alias that finds
-- the survivor, and an unmerge only has to clear merged_into to bring it back exactly.
alter table patient add column merged_into bigint references patient (id);
create index patient_merged_into on patient (merged_into) where merged_into is not null;

create table patient_merge (
    id                   bigserial primary key,
    surviving_patient_id bigint      not null references patient (id),
    retired_patient_id   bigint      not null references patient (id),
    reason               text        not null,
    -- The overlay guard's objections (comma-separated rule names) and the analyst's override.
    overlay_risks        text        not null default '',
    override_reason      text,
    merged_by            text        not null,
    merged_at            timestamptz not null,
    unmerge_reason       text,
    unmerged_by          text,
    unmerged_at          timestamptz,
    check (surviving_patient_id <> retired_patient_id),
    check (overlay_risks = '' or override_reason is not null)
);
create unique index patient_merge_active_retired on patient_merge (retired_patient_id) where unmerged_at is null;
create index patient_merge_surviving on patient_merge (surviving_patient_id);

-- Which identifiers a merge moved to the survivor, so that an unmerge moves exactly those back.
create table patient_merge_identifier (
    merge_id      bigint not null references patient_merge (id),
    identifier_id bigint not null references patient_identifier (id),
    primary key (merge_id, identifier_id)
);

-- Blocking keys of the real-time check at registration (likely existing patients).
create index patient_ssn on patient (ssn) where ssn is not null;
create index patient_phone on patient (phone) where phone is not null;
create index patient_family_lower on patient (lower(family_name), birth_date);
create index patient_given_postal on patient (lower(given_name), postal_code);
