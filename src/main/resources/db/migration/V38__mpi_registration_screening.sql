-- Registrations waiting for the MPI's likely-match screen (from the ADT feed): queued in the
-- registering transaction, removed once screened, so a crash between the two loses nothing.
create table mpi_screening_queue (
    patient_id bigint      primary key references patient (id),
    queued_at  timestamptz not null
);
