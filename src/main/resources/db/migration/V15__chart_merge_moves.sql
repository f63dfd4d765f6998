-- Rows the chart moved to a surviving patient when the patient module merged two registrations
-- (PatientsMerged), so that an unmerge (PatientsUnmerged) moves exactly those rows back.
create table chart_merge_move (
    merge_id  bigint not null,
    row_type  text   not null check (row_type in ('ENCOUNTER', 'DOCUMENT')),
    row_id    bigint not null,
    primary key (merge_id, row_type, row_id)
);
