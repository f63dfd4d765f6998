-- Encounter lifecycle (ADT): status, location/bed, the patient class as the feed sent it, and the
-- transfers between locations. Encounters recorded before this (bulk loads, the demo hospital)
-- are finished when they have a discharge time and in progress otherwise; a trigger keeps that
-- rule for inserts that do not name a status, so the bulk loaders need not change.
alter table encounter add column status text;
update encounter set status = case when discharge_at is null then 'IN_PROGRESS' else 'FINISHED' end;
alter table encounter alter column status set not null;
alter table encounter add constraint encounter_status_check
    check (status in ('PLANNED', 'IN_PROGRESS', 'FINISHED', 'CANCELLED'));
alter table encounter add column location text;
alter table encounter add column patient_class text;
alter table encounter add column updated_at timestamptz;

create function encounter_default_status() returns trigger language plpgsql as $$
begin
    if new.status is null then
        new.status := case when new.discharge_at is null then 'IN_PROGRESS' else 'FINISHED' end;
    end if;
    return new;
end $$;
create trigger encounter_default_status before insert on encounter
    for each row execute function encounter_default_status();

create table encounter_transfer (
    id             bigserial primary key,
    encounter_id   bigint      not null references encounter (id),
    from_location  text,
    to_location    text        not null,
    transferred_at timestamptz not null,
    cancelled      boolean     not null default false
);
create index encounter_transfer_encounter on encounter_transfer (encounter_id, transferred_at);
