-- Documents kept in step with their source (HL7 v2 MDM): a cancelled status for a document the
-- source withdrew before authentication (MDM^T11), and every replaced version kept, so that an
-- amended document's signed text is never lost (SourceDocuments).
alter table clinical_document drop constraint clinical_document_status_check;
alter table clinical_document add constraint clinical_document_status_check
    check (status in ('DRAFT', 'UNSIGNED', 'SIGNED', 'AMENDED', 'CANCELLED'));

create table clinical_document_version (
    document_id bigint      not null references clinical_document (id),
    version     int         not null,
    doc_type    text        not null,
    title       text        not null,
    author      text        not null,
    body        text        not null,
    status      text        not null,
    signed_by   text,
    signed_at   timestamptz,
    replaced_at timestamptz not null,
    primary key (document_id, version)
);
