create extension if not exists pg_trgm;

-- Patient identity. MRN is unique per facility. search_name holds the names folded to lower
-- case without accents (computed in Java) so that "José" is found by "jose".
create table patient (
    id            bigserial primary key,
    facility      text        not null default 'MAIN',
    mrn           text        not null,
    given_name    text        not null,
    middle_name   text,
    family_name   text        not null,
    birth_date    date        not null,
    sex           char(1)     not null check (sex in ('F', 'M', 'O', 'U')),
    ssn           text        check (ssn ~ '^[0-9]{9}$'),
    address_line  text,
    city          text,
    state         text,
    postal_code   text,
    phone         text,
    search_name   text        not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    unique (facility, mrn)
);

create index patient_search_name_trgm on patient using gin (search_name gin_trgm_ops);
create index patient_birth_date on patient (birth_date);
create index patient_family_name on patient (family_name);

-- Other identifiers: driver's licence, insurance member id, an external system's id, ...
create table patient_identifier (
    id         bigserial primary key,
    patient_id bigint not null references patient (id) on delete cascade,
    system     text   not null,
    value      text   not null,
    type       text   not null,
    unique (system, value)
);
create index patient_identifier_patient on patient_identifier (patient_id);

-- Medical record numbers are handed out from here when the registering system gives none.
create sequence patient_mrn_seq start 10000001;
