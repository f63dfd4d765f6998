-- Requests, accounting entries and accounting requests the disclosure module moved to a surviving
-- patient at a merge (PatientsMerged), so that an unmerge moves back exactly those. The accounting
-- of disclosures (45 CFR 164.528) is the person's, whichever registration a disclosure was made from.
create table disclosure_merge_move (
    merge_id  bigint not null,
    row_type  text   not null check (row_type in ('REQUEST', 'ACCOUNTING_ENTRY', 'ACCOUNTING_REQUEST')),
    row_id    bigint not null,
    primary key (merge_id, row_type, row_id)
);
