-- Release of information (45 CFR 164.524, 164.508, 164.512(e)) and the accounting of disclosures (164.528).
create sequence disclosure_request_number_seq start 1;

create table disclosure_request (
    id                            bigserial primary key,
    request_number                text        not null unique,
    patient_id                    bigint      not null references patient (id),
    requester_type                text        not null,
    requester_name                text        not null,
    requester_address             text,
    purpose                       text        not null,
    delivery                      text        not null,
    received_on                   date        not null,
    state                         text,
    due_on                        date        not null,
    extended_due_on               date,
    extension_reason              text,
    extension_notified_on         date,
    date_from                     date,
    date_to                       date,
    document_types                text[]      not null default '{}',
    encounter_ids                 bigint[]    not null default '{}',
    -- the authorization's core elements, 164.508(c)(1); auth_received false when none came with the request
    auth_received                 boolean     not null default false,
    auth_description              text,
    auth_discloser                text,
    auth_recipient                text,
    auth_purpose                  text,
    auth_expires_on               date,
    auth_expiration_event         text,
    auth_signed_by                text,
    auth_signed_on                date,
    auth_by_representative        boolean     not null default false,
    auth_representative_authority text,
    auth_named_sensitivities      text[]      not null default '{}',
    legal_subpoena                boolean     not null default false,
    legal_court_order             boolean     not null default false,
    legal_assurance               boolean     not null default false,
    status                        text        not null default 'OPEN' check (status in ('OPEN', 'RELEASED')),
    created_by                    text        not null,
    created_at                    timestamptz not null,
    released_at                   timestamptz,
    released_by                   text,
    check (extended_due_on is null or extension_reason is not null)
);
create index disclosure_request_open on disclosure_request (coalesce(extended_due_on, due_on)) where status = 'OPEN';
create index disclosure_request_patient on disclosure_request (patient_id);

-- One row per document the release considered: released, or withheld with the reason.
create table disclosure_item (
    request_id  bigint  not null references disclosure_request (id),
    document_id bigint  not null,
    title       text    not null,
    released    boolean not null,
    reason      text,
    primary key (request_id, document_id),
    check (released or reason is not null)
);

create table disclosure_release (
    request_id          bigint      primary key references disclosure_request (id),
    released_at         timestamptz not null,
    released_by         text        not null,
    pages               integer     not null,
    invoice_description text        not null,
    invoice_cents       bigint      not null check (invoice_cents >= 0),
    invoice_basis       text        not null,
    exempt_reason       text,
    packet              bytea       not null
);

-- Every release, accountable or not; the accounting shows those with no exempt_reason (164.528(a)(1)).
create table accounting_entry (
    id                bigserial primary key,
    patient_id        bigint      not null references patient (id),
    request_id        bigint      references disclosure_request (id),
    disclosed_at      timestamptz not null,
    recipient         text        not null,
    recipient_address text,
    description       text        not null,
    purpose           text        not null,
    exempt_reason     text
);
create index accounting_entry_patient on accounting_entry (patient_id, disclosed_at desc);

create table accounting_request (
    id             bigserial primary key,
    patient_id     bigint      not null references patient (id),
    requester_name text        not null,
    received_on    date        not null,
    due_on         date        not null,
    fulfilled_on   date,
    created_by     text        not null,
    created_at     timestamptz not null
);
