-- SMART Backend Services (issue 22): bulk-data clients that authenticate with a JWT they sign with their own
-- private key (RFC 7523, private_key_jwt); Custodian keeps only their public keys (a JWK set).
create table smart_client (
    client_id     text primary key,
    name          text        not null,
    jwks          text        not null,
    scopes        text        not null,
    registered_by text        not null,
    registered_at timestamptz not null,
    enabled       boolean     not null default true
);

-- Every accepted assertion's jti until the assertion expires: a replayed assertion is refused.
create table smart_assertion_jti (
    client_id  text        not null references smart_client (client_id),
    jti        text        not null,
    expires_at timestamptz not null,
    primary key (client_id, jti)
);
create index smart_assertion_jti_expires on smart_assertion_jti (expires_at);
