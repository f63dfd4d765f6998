-- The chart's published read model for record completion (see org.custodian.chart.ChartViews):
-- encounters with their practitioners and the metadata of their documents (no text), so that a
-- re-analysis of every chart is a few set-based reads, not a call per encounter. Cancelled and
-- destroyed encounters, and destroyed documents, are nobody's work and are left out.
create view chart_completion_encounter as
select id as encounter_id, patient_id, encounter_number, encounter_class, status, admit_at, discharge_at, service
from encounter
where status <> 'CANCELLED' and destroyed_at is null;

create view chart_completion_participant as
select p.encounter_id, p.role, p.practitioner_id, p.at
from encounter_participant p join encounter e on e.id = p.encounter_id
where e.destroyed_at is null;

create view chart_completion_document as
select id as document_id, patient_id, encounter_id, doc_type, title, status, created_at, signed_at, author_id, cosigner_id
from clinical_document
where destroyed_at is null and encounter_id is not null;
