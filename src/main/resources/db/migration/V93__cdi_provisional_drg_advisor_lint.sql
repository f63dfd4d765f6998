-- CDI (cdi module; this range by the lead's assignment): the grouper version of the working MS-DRG
-- kept with a query's before/after, and whether it was provisional (a stay of a fiscal year without a
-- loaded grouper, grouped with the newest loaded version as an estimate); the physician advisor's
-- reviews of escalated queries; the lint list kept as data the CDI lead edits (never deleted: a phrase
-- is retired, with who and when).

alter table cdi_query
    add column drg_version_before     text,
    add column drg_provisional_before boolean not null default false,
    add column drg_version_after      text,
    add column drg_provisional_after  boolean not null default false;

-- escalated without a named advisor: the advisor queue holds every escalated query
create index cdi_query_escalated_open on cdi_query (escalated_at) where status = 'OPEN' and escalated_at is not null;

-- The physician advisor's review of an escalated query: what was done and how it ended.
create table cdi_advisor_review (
    id          bigserial   primary key,
    query_id    bigint      not null references cdi_query (id),
    outcome     text        not null check (outcome in ('DISCUSSED_PHYSICIAN_WILL_ANSWER', 'QUERY_SUPPORTED_REMINDED',
                                                        'QUERY_NOT_SUPPORTED', 'UNABLE_TO_REACH', 'REFERRED_TO_CMO')),
    note        text,
    reviewed_by text        not null,
    reviewed_at timestamptz not null
);
create index cdi_advisor_review_query on cdi_advisor_review (query_id, reviewed_at);

alter table cdi_query_lint
    add column active     boolean not null default true,
    add column changed_by text,
    add column changed_at timestamptz;
