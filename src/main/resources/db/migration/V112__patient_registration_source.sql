-- Where each registration came from (desk, ADT feed, FHIR import, other), for AHIMA's duplicate creation
-- rate by registration source. Rows registered before this was recorded are 'UNKNOWN' ("Not recorded").
alter table patient add column registration_source text not null default 'UNKNOWN'
    check (registration_source in ('DESK', 'ADT_FEED', 'FHIR_IMPORT', 'OTHER', 'UNKNOWN'));
