-- The audit log: append-only and hash-chained (HIPAA 164.312(b) audit controls,
-- 164.312(c)(1) integrity). Each row carries the SHA-256 of its predecessor; the application
-- verifies the chain and signs checkpoints with a key kept outside the database.
create table audit_event (
    seq            bigint      primary key,
    occurred_at    timestamptz not null,
    username       text        not null,
    roles          text        not null,
    patient_id     bigint,
    resource_type  text,
    resource_id    text,
    action         text        not null,
    purpose        text,
    client_address text,
    outcome        text        not null,
    detail         text,
    prev_hash      bytea       not null,
    hash           bytea       not null
);

create index audit_event_patient on audit_event (patient_id, occurred_at) where patient_id is not null;
create index audit_event_user on audit_event (username, occurred_at);
create index audit_event_time on audit_event (occurred_at);

-- Append-only: the application never updates or deletes an event. A table owner can still
-- disable the trigger; the hash chain and signed checkpoints catch that.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op;
end $$;

create trigger audit_event_no_update_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();
