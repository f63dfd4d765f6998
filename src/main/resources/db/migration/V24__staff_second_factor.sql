-- The TOTP second factor (RFC 6238) of staff who sign in with a password (HIPAA 45 CFR 164.312(d),
-- person or entity authentication). One enrolled authenticator per account; last_step keeps a code
-- from being used twice (RFC 6238 section 5.2). Recovery codes are kept as SHA-256 hashes, each good once.
create table staff_second_factor (
    user_id     bigint      primary key references staff_user (id) on delete cascade,
    secret      text        not null,
    enrolled_at timestamptz not null,
    last_step   bigint      not null default 0
);

create table staff_recovery_code (
    user_id   bigint      not null references staff_user (id) on delete cascade,
    code_hash text        not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

-- Set by an administrator's reset: the account enrols again at its next sign-in, whatever the policy.
alter table staff_user add column second_factor_required boolean not null default false;
