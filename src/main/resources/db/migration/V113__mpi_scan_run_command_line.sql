-- Scans run with the mpi-scan command are kept in mpi_scan_run too, as trigger 'COMMAND_LINE'.
alter table mpi_scan_run drop constraint mpi_scan_run_trigger_check;
alter table mpi_scan_run add constraint mpi_scan_run_trigger_check check (trigger in ('SCHEDULED', 'ANALYST', 'DEMO', 'COMMAND_LINE'));
