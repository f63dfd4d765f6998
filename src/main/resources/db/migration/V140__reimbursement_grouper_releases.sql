-- MS-DRG grouper releases loaded with `load-grouper DIR` (reimbursement module): a release after the
-- bundled v43 (v44 for FY2027, ...), validated whole before it is kept, its files kept as they were
-- read so that every start compiles the same tables. One row per major version; loading it again
-- replaces it. The grouper reads them at start-up.
create table reimbursement_grouper_release (
    version      text        primary key,              -- 'v44'
    fiscal_year  integer     not null unique,          -- 2027: the discharges it groups
    sha256       text        not null,                 -- over the files, in name order
    source       text        not null,                 -- the directory it was read from
    loaded_at    timestamptz not null
);

create table reimbursement_grouper_file (
    version  text  not null references reimbursement_grouper_release (version) on delete cascade,
    name     text  not null,                            -- 'v44.0/dx_codes.tsv.gz'
    content  bytea not null,
    primary key (version, name)
);
