-- Mid-year changes to a fiscal year's code set (coding module): CMS's April 1 ICD-10-PCS update
-- adds and deletes codes inside a fiscal year. A stay discharged on or after effective_from is
-- judged by its fiscal year's set with every change in force on its discharge date.
create table coding_code_update (
    system           text    not null check (system in ('icd10cm', 'icd10pcs')),
    fiscal_year      integer not null,
    effective_from   date    not null,
    code             text    not null,              -- without the dot
    action           text    not null check (action in ('ADD', 'DELETE')),
    long_description text    not null,              -- the title of an added code; '' for a deletion
    source           text    not null,
    primary key (system, effective_from, code)
);
