-- CDI (cdi module; V93-V99 by the lead's assignment). These run before V100 (which creates cdi_query and
-- cdi_query_lint) on a new database and after it on an existing one, so they only create tables of
-- their own, keyed by the ids and phrases of V100's tables (no foreign key, no alter).

-- The grouper version of a query's working MS-DRG before it and after its answer, and whether it was
-- provisional: a stay of a fiscal year without a loaded grouper, grouped with the newest loaded
-- version as an estimate (never for the claim).
create table cdi_query_drg (
    query_id    bigint  not null,                      -- cdi_query.id
    moment      text    not null check (moment in ('BEFORE', 'AFTER')),
    version     text,                                   -- "43.1"; null when not grouped
    provisional boolean not null default false,
    primary key (query_id, moment)
);

-- The physician advisor's review of an escalated query: what was done and how it ended.
create table cdi_advisor_review (
    id          bigserial   primary key,
    query_id    bigint      not null,                  -- cdi_query.id
    outcome     text        not null check (outcome in ('DISCUSSED_PHYSICIAN_WILL_ANSWER', 'QUERY_SUPPORTED_REMINDED',
                                                        'QUERY_NOT_SUPPORTED', 'UNABLE_TO_REACH', 'REFERRED_TO_CMO')),
    note        text,
    reviewed_by text        not null,
    reviewed_at timestamptz not null
);
create index cdi_advisor_review_query on cdi_advisor_review (query_id, reviewed_at);

-- The CDI lead's edits of the lint list: a phrase added, reworded, retired or restored. The list in
-- force is cdi_query_lint (as installed) overridden phrase by phrase by these; nothing is deleted.
create table cdi_lint_change (
    phrase     text        primary key,                -- lower case, single spaces
    category   text        not null check (category in ('LEADING', 'FINANCIAL')),
    reason     text        not null,
    active     boolean     not null,
    changed_by text        not null,
    changed_at timestamptz not null
);
