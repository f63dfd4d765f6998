-- The chart's published read model of discharged encounters (see org.custodian.chart.ChartViews).
-- Other modules may read this view, never the encounter table: the chart keeps the right to change
-- its tables as long as the view keeps these columns and this meaning. The coding module's
-- WorklistReconciler compares it with its worklist in one set-based statement.
-- Finished and not destroyed: a cancelled discharge (A13) is in progress again and leaves the view;
-- an encounter destroyed under a retention schedule is no longer anyone's work.
create view chart_discharged_encounter as
select id as encounter_id, patient_id, encounter_class, discharge_at
from encounter
where status = 'FINISHED' and discharge_at is not null and destroyed_at is null;
