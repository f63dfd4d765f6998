-- Verbal orders and procedure consents are now document types of the chart, so their rules are
-- found by automatic analysis (a new version of each; the manual versions stay for history).
insert into deficiency_rule (code, version, title, citation, anchor, due_hours, automatic, note, edited_by, edited_at)
select 'VERBAL_ORDER', max(version) + 1, 'Verbal or telephone orders authenticated within the time state law sets',
       '42 CFR 482.24(c)(3)', 'DOCUMENT', 48, true,
       'State law sets the hours (48 by default here); counted from when the order was taken down', 'system', now()
from deficiency_rule where code = 'VERBAL_ORDER';
insert into deficiency_rule (code, version, title, citation, anchor, due_hours, automatic, note, edited_by, edited_at)
select 'INFORMED_CONSENT', max(version) + 1, 'Informed consent on the chart before an operating-room procedure',
       '42 CFR 482.24(c)(4)(v); 482.51(b)(2)', 'SURGERY', 0, true,
       'Due at the start of the procedure (the operating practitioner''s time on the encounter)', 'system', now()
from deficiency_rule where code = 'INFORMED_CONSENT';
-- The H&P update is now a document type; open deficiencies named by the old free-text item follow it.
update deficiency set missing_type = 'HISTORY_AND_PHYSICAL_UPDATE' where missing_type = 'H&P update note';
