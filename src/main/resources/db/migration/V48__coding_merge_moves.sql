-- Worklist entries and abstracts the coding module moved to a surviving patient at a merge
-- (PatientsMerged), so that an unmerge moves back exactly those. row_id: the worklist's
-- encounter_id, the abstract's id.
create table coding_merge_move (
    merge_id  bigint not null,
    row_type  text   not null check (row_type in ('WORKLIST', 'ABSTRACT')),
    row_id    bigint not null,
    primary key (merge_id, row_type, row_id)
);
