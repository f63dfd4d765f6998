-- The provider directory: the hospital's practitioners (physicians, surgeons, mid-levels) with their
-- NPI (45 CFR 162.406; check digit verified in code), credentials, specialty, department and
-- medical-staff status, each optionally linked to the staff account they sign in with, so that a
-- physician signs and completes charts as themselves. Practitioners first known only by the free
-- text of a chart (before the directory existed) have no NPI until the medical staff office adds it.
create table practitioner (
    id           bigserial primary key,
    npi          text unique check (npi ~ '^[12][0-9]{9}$'),
    name         text        not null,
    credentials  text,
    specialty    text,
    department   text,
    staff_status text        not null default 'ACTIVE'
        check (staff_status in ('ACTIVE', 'PROVISIONAL', 'COURTESY', 'CONSULTING', 'INACTIVE', 'UNVERIFIED')),
    username     text unique references staff_user (username),
    created_at   timestamptz not null default now()
);
create index practitioner_name on practitioner (lower(name));
