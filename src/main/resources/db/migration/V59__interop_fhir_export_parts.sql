-- A bulk export file is written in parts as the export goes: a hospital's export of every patient
-- does not fit in memory as one text per resource type. Each part holds whole NDJSON lines (a
-- resource is never split across parts); the download streams a file's parts in order.
-- fhir_export_file stays the file's entry of the manifest (type and resource count).
create table fhir_export_part (
    job_id        uuid not null references fhir_export_job (id) on delete cascade,
    resource_type text not null,
    part          int  not null,
    resources     int  not null,
    body          text not null,
    primary key (job_id, resource_type, part)
);

-- Files of exports made before this change become their single part.
insert into fhir_export_part (job_id, resource_type, part, resources, body)
select job_id, resource_type, 1, resources, body from fhir_export_file where body <> '';
alter table fhir_export_file drop column body;
