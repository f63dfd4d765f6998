-- Every HL7 v2 message received over MLLP, kept raw with its status so that nothing is silently
-- dropped. A sender's control id (MSH-10) is unique per sending application and facility: a
-- replay finds its row and is acknowledged without being applied again. Frames that cannot be
-- parsed are kept too (control id null, status REJECTED).
create table hl7_message (
    id                   bigserial primary key,
    received_at          timestamptz not null,
    sending_application  text        not null default '',
    sending_facility     text        not null default '',
    control_id           text,
    message_type         text,
    version              text,
    raw                  text        not null,
    status               text        not null check (status in ('PROCESSED', 'FAILED', 'REJECTED')),
    ack_code             text        not null check (ack_code in ('AA', 'AE', 'AR')),
    error                text,
    patient_id           bigint,
    attempts             int         not null default 1,
    processed_at         timestamptz,
    unique (sending_application, sending_facility, control_id)
);
create index hl7_message_received on hl7_message (received_at desc, id desc);
create index hl7_message_status on hl7_message (status, id desc);
