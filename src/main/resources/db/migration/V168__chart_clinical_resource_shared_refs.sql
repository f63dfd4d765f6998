-- Patient/$everything adds the shared resources a record names (the organization, practitioner,
-- location or medication of the patient's care, kept without a patient of their own). Picking
-- their references out of every search term of the record on each call was half of the query's
-- time (bench/everything.sh); they are kept apart when a resource is stored: "Type/id" of each
-- reference term ("param=Type/id") to one of these types, null when there is none.
alter table clinical_resource add column shared_refs text[];

update clinical_resource r set shared_refs = m.refs
from (select r2.id, array_agg(distinct substr(t.term, strpos(t.term, '=') + 1)) as refs
      from clinical_resource r2 cross join lateral unnest(r2.terms) t(term)
      where split_part(substr(t.term, strpos(t.term, '=') + 1), '/', 1) in ('Organization', 'Practitioner', 'PractitionerRole',
            'Location', 'Medication', 'Substance', 'HealthcareService', 'Device')
        and strpos(t.term, '=') > 0 and strpos(substr(t.term, strpos(t.term, '=') + 1), '/') > 0
      group by r2.id) m
where m.id = r.id;
