-- The MCE v37 (FY2020) lists and the MS-DRG v40 appendix A are superseded (coding module): the
-- abstract's edits use the reimbursement module's MCE v43 chosen by discharge date, and the MS-DRG
-- list is its v43 Table 5. Their rows go; only the POA-exempt list stays a coding reference list.
delete from coding_reference_list where list in ('mce', 'ms-drg');
alter table coding_reference_list drop constraint coding_reference_list_list_check;
alter table coding_reference_list add constraint coding_reference_list_list_check check (list in ('poa-exempt'));
