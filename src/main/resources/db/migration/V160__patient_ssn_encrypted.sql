-- SSNs encrypted at rest (issue 22; HIPAA 45 CFR 164.312(a)(2)(iv)): patient.ssn now holds AES-256-GCM
-- ciphertext ("v1:<key id>:<base64>") made with an application key kept outside the database, and ssn_hash a
-- keyed hash (HMAC-SHA-256) of the nine digits for exact lookups. Rows written before this are rewritten by
-- the application at its next start (SsnReEncryption), which also re-encrypts after a key rotation.
alter table patient drop constraint if exists patient_ssn_check;
alter table patient add column ssn_hash text;
drop index if exists patient_ssn;
create index patient_ssn_hash on patient (ssn_hash) where ssn_hash is not null;
