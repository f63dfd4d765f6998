-- The completion read model's participants, found by their encounter's own key: the callers ask for
-- "encounter_id = any(...)", which now applies to encounter.id (its primary key) as well as reaching the
-- participants through theirs. Before, the filter reached only encounter_participant, and on statistics that
-- lag a bulk import (a table thought to hold ten encounters holding thousands) PostgreSQL walked every
-- encounter and probed its participants one by one: 5-30 ms per imported bundle, growing with the index.
create or replace view chart_completion_participant as
select e.id as encounter_id, p.role, p.practitioner_id, p.at
from encounter e join encounter_participant p on p.encounter_id = e.id
where e.destroyed_at is null;
