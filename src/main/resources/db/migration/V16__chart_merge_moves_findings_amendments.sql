-- Conditions, procedures and amendment requests follow a merge too (they were left on the
-- retired record, so the survivor's chart missed them).
alter table chart_merge_move drop constraint chart_merge_move_row_type_check;
alter table chart_merge_move add constraint chart_merge_move_row_type_check
    check (row_type in ('ENCOUNTER', 'DOCUMENT', 'FINDING', 'AMENDMENT'));
