-- The chart's published view of discharged encounters gains the discharge disposition (UB-04 FL17
-- patient discharge status code, e.g. '20' expired), appended so the view's existing columns keep their
-- place. Privacy monitoring learns deaths from it (an expired discharge, 45 CFR 164.308(a)(1)(ii)(D)):
-- a cancelled discharge (A13) leaves the view, and with it the death it announced.
create or replace view chart_discharged_encounter as
select id as encounter_id, patient_id, encounter_class, discharge_at, discharge_disposition
from encounter
where status = 'FINISHED' and discharge_at is not null and destroyed_at is null;
