-- Issue 15's import and $everything speed (bench/fhir-import.sh, bench/everything.sh): work that
-- stored nothing removed from every kept clinical resource; every resource is still kept whole
-- (JSONB as received, its search columns and indexes, source, version, tags).
--
-- 1. A resource of up to about 8 kB stays in its row, uncompressed. With the default target (2 kB)
--    four in ten Synthea resources were compressed with pglz and moved to the TOAST table on
--    insert, and fetched from there and decompressed again by every read ($everything reads a
--    whole record). Profiled: pglz_compress was the largest single cost of the import's COPY.
--    It costs about 300 bytes per resource on disk. Rows already stored keep their layout.
alter table clinical_resource set (toast_tuple_target = 8160);

-- 2. ANALYZE samples the search columns, not the documents: no query compares a whole resource,
--    and statistics of the JSONB value made every autovacuum ANALYZE detoast and compare
--    thousands of documents (a sixth of the database's CPU during a bulk import).
alter table clinical_resource alter column resource set statistics 0;

-- 3. One unique index less on every insert: fhir_id is derived from source_key (the sender's UUID,
--    or a name-based UUID of sender, type and id, or of the content), so unique (resource_type,
--    fhir_id) already makes (resource_type, source_key) unique. Re-sends are found by their id.
alter table clinical_resource drop constraint clinical_resource_resource_type_source_key_key;
