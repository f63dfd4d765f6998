-- The server-side secret from which each student's exercise variant is derived (HMAC of the
-- exercise's public seed and the student): without it, a student who knows the seed cannot
-- rebuild the answer key (issue 22, finding 8). Filled with random bytes by the application.
create table practicum_secret (
    id     smallint primary key check (id = 1),
    secret bytea    not null
);
