-- Spring Modulith's event publication registry (its v2 schema for PostgreSQL), created by a migration
-- instead of at start: the application's database role has no CREATE on the schema (issue 22, a
-- non-superuser role with DML only). A database where Modulith already made it keeps it.
create table if not exists event_publication
(
    id                     uuid                     not null,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone,
    primary key (id)
);
create index if not exists event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index if not exists event_publication_by_completion_date_idx on event_publication (completion_date);
