-- CMS code sets by fiscal year (coding module). One row per line of a CMS order file
-- (ICD-10-CM tabular order file, ICD-10-PCS order file): codes keep their FY so that a stay is
-- judged by the set in force on its discharge date.
create table coding_code_set (
    system        text        not null check (system in ('icd10cm', 'icd10pcs')),
    fiscal_year   integer     not null check (fiscal_year between 2015 and 2100),
    source        text        not null,
    sha256        text        not null,
    codes         integer     not null,
    billable      integer     not null,
    headers       integer     not null,
    loaded_at     timestamptz not null default now(),
    primary key (system, fiscal_year)
);

create table coding_code (
    system            text    not null,
    fiscal_year       integer not null,
    code              text    not null,   -- as CMS writes it, without the dot: E1165
    dotted            text    not null,   -- as printed: E11.65 (PCS codes have no dot)
    order_number      integer not null,
    billable          boolean not null,   -- CMS flag: 1 valid for submission, 0 header
    short_description text    not null,
    long_description  text    not null,
    chapter           text    not null,   -- ICD-10-CM chapter or ICD-10-PCS section
    primary key (system, fiscal_year, code),
    foreign key (system, fiscal_year) references coding_code_set (system, fiscal_year) deferrable initially deferred
);
