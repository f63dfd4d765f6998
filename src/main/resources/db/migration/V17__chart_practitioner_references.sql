-- Practitioners by reference (the staff module's provider directory) instead of free text:
-- an encounter's attending, admitting, consulting and operating practitioners (operating with
-- the time of surgery), a document's author, its required cosigner and who signed it
-- (42 CFR 482.24(c)(1): the signature is the practitioner's). The practitioner table belongs to the
-- staff module (V22), so these columns hold its ids without a foreign key; the chart resolves
-- them through ProviderDirectory. The free-text columns stay as the source sent them.
create table encounter_participant (
    encounter_id    bigint      not null references encounter (id),
    role            text        not null check (role in ('ATTENDING', 'ADMITTING', 'CONSULTING', 'OPERATING')),
    practitioner_id bigint      not null,
    at              timestamptz,
    primary key (encounter_id, role, practitioner_id)
);
create index encounter_participant_practitioner on encounter_participant (practitioner_id);

alter table clinical_document add column author_id bigint;
alter table clinical_document add column cosigner_id bigint;
alter table clinical_document add column signer_id bigint;
create index clinical_document_author_id on clinical_document (author_id);
create index clinical_document_cosigner_id on clinical_document (cosigner_id) where cosigner_id is not null;
