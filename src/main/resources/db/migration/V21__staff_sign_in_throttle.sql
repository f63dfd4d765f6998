-- Sign-in throttling (HIPAA 164.308(a)(5)(ii)(C), log-in monitoring) keyed per username and client
-- address, and per client address, instead of one lock per account that anyone could set off for
-- the real user. The key is the username as typed, whether or not the account exists, so that a
-- refusal tells nothing about who has an account. Rows are small and expire; unlock deletes them.
create table staff_sign_in_throttle (
    scope         text        not null check (scope in ('ACCOUNT_ADDRESS', 'ADDRESS')),
    key           text        not null,
    failures      integer     not null,
    last_failure  timestamptz not null,
    blocked_until timestamptz,
    primary key (scope, key)
);
create index staff_sign_in_throttle_last on staff_sign_in_throttle (last_failure);
