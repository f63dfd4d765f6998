-- Reference lists the coding edits use (coding module): the Medicare Code Editor lists, the
-- POA-exempt list, the MS-DRG list (reference only). One row per list version; an edit names the
-- version of the list that drove it.
create table coding_reference_list (
    list       text        not null check (list in ('mce', 'poa-exempt', 'ms-drg')),
    version    text        not null,   -- e.g. 'MCE v37 (FY2020)', 'FY2026', 'MS-DRG v40 (FY2023)'
    rank       integer     not null,   -- orders versions of one list: the highest is in force
    source     text        not null,
    sha256     text        not null,
    entries    integer     not null,
    loaded_at  timestamptz not null default now(),
    primary key (list, version)
);

create table coding_reference_entry (
    list        text not null,
    version     text not null,
    category    text not null,   -- MCE edit type (Female_Only, Principal_Unacceptable, ...), POA_EXEMPT, or the DRG's M/P
    code_type   text not null,   -- D diagnosis, P procedure, G DRG
    code        text not null,   -- as CMS writes it, without the dot
    description text not null,
    detail      text,            -- MCE section, the DRG's MDC
    primary key (list, version, category, code_type, code),
    foreign key (list, version) references coding_reference_list (list, version) on delete cascade
);
create index coding_reference_entry_code on coding_reference_entry (code);
