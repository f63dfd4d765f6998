-- A kept clinical resource that is a copy of a chart document (issue 15): the DocumentReference an
-- import filed as a clinical document, and the DiagnosticReport with a presentedForm filed as the
-- same document (Synthea sends each note twice). Every read of the copy applies the document's own
-- sensitivity tags and author, as they are at the time of the read, so that a note tagged after its
-- import (a psychotherapy note: used only by its originator, 45 CFR 164.508(a)(2)(i)(A); a Part 2
-- program's record: 42 CFR 2.12, 2.13) is protected in its kept copy too.
alter table clinical_resource add column document_id bigint references clinical_document (id);
create index clinical_resource_document on clinical_resource (document_id) where document_id is not null;

-- Copies kept before this column: the import's own record of which document each source resource
-- became (interop's fhir_source_map, keyed as clinical_resource is by type and source key). A
-- one-time read of another module's table, in a migration only; the import links new copies itself.
update clinical_resource r set document_id = m.local_id
from fhir_source_map m
where m.resource_type in ('DocumentReference', 'DiagnosticReport')
  and r.resource_type = m.resource_type and r.source_key = m.source_key
  and exists (select 1 from clinical_document d where d.id = m.local_id and d.patient_id = r.patient_id);
