-- Amendments (45 CFR 164.526): a patient's request to amend a document, the decision, the clock,
-- and what 164.526(d) attaches to the record after a denial (statement of disagreement, rebuttal).
create table amendment_request (
    id                  bigserial primary key,
    document_id         bigint      not null references clinical_document (id),
    patient_id          bigint      not null,
    requested_change    text        not null,
    patient_reason      text,
    received_on         date        not null,
    received_by         text        not null,
    due_on              date        not null,
    extended_to         date,
    extension_reason    text,
    extension_notice_on date,
    status              text        not null default 'PENDING' check (status in ('PENDING', 'ACCEPTED', 'DENIED')),
    decided_by          text,
    decided_at          timestamptz,
    amendment_text      text,
    denial_reason       text check (denial_reason in ('NOT_CREATED_BY_ENTITY', 'NOT_IN_DESIGNATED_RECORD_SET',
                                                     'NOT_AVAILABLE_FOR_INSPECTION', 'ACCURATE_AND_COMPLETE')),
    denial_explanation  text,
    disagreement        text,
    disagreement_at     timestamptz,
    rebuttal            text,
    rebuttal_by         text,
    rebuttal_at         timestamptz,
    check ((status = 'PENDING') = (decided_by is null)),
    check ((status = 'ACCEPTED') = (amendment_text is not null)),
    check ((status = 'DENIED') = (denial_reason is not null)),
    check (disagreement is null or status = 'DENIED'),
    check (rebuttal is null or disagreement is not null)
);
create index amendment_request_document on amendment_request (document_id);
create index amendment_request_due on amendment_request (status, due_on);

-- Destruction under a retention schedule leaves a tombstone: the row stays (ids, dates, type),
-- the content is gone, and the certificate of destruction is named.
alter table clinical_document add column destroyed_at timestamptz;
alter table clinical_document add column destruction_certificate text;
alter table encounter add column destroyed_at timestamptz;
alter table encounter add column destruction_certificate text;
