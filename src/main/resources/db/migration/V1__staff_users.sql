-- Staff who sign in to Custodian. Passwords are BCrypt hashes; roles map to permissions in
-- org.custodian.privacy.Role, never in SQL.
create table staff_user (
    id            bigserial primary key,
    username      text        not null unique check (username ~ '^[a-z0-9._-]{2,64}$'),
    full_name     text        not null,
    password_hash text        not null,
    enabled       boolean     not null default true,
    failed_logins integer     not null default 0,
    locked_until  timestamptz,
    created_at    timestamptz not null default now()
);

create table staff_user_role (
    user_id bigint not null references staff_user (id) on delete cascade,
    role    text   not null,
    primary key (user_id, role)
);
