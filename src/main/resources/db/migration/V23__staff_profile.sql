-- What privacy monitoring needs of a staff member (HR fields): name, home address, department,
-- job, and the MRN when the employee is also a patient (45 CFR 164.308(a)(1)(ii)(D)).
create table staff_profile (
    username           text primary key references staff_user (username) on delete cascade,
    given_name         text,
    family_name        text,
    home_line          text,
    home_city          text,
    home_state         text,
    home_postal_code   text,
    department         text,
    job                text,
    patient_mrn        text,
    updated_at         timestamptz not null
);
create index staff_profile_mrn on staff_profile (patient_mrn) where patient_mrn is not null;
