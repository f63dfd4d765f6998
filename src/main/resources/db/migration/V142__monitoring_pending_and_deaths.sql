-- Privacy monitoring (45 CFR 164.308(a)(1)(ii)(D)), two corrections.
-- 1. The scan reads the log in batches; one user's accesses to one patient on one day may fall in two.
--    Rules that fired but did not yet reach the alert threshold wait here, with their accesses, so the
--    next batch adds to them: one alert for the day, whichever batches its accesses came in.
create table monitoring_pending_rule (
    username     text    not null,
    patient_id   bigint  not null,
    day          date    not null,
    rule         text    not null,
    contribution integer not null,
    explanation  text    not null,
    primary key (username, patient_id, day, rule)
);

create table monitoring_pending_access (
    username   text        not null,
    patient_id bigint      not null,
    day        date        not null,
    seq        bigint      not null,
    at         timestamptz not null,
    resource   text,
    primary key (username, patient_id, day, seq)
);

-- 2. Deaths come from the chart's expired discharges (chart_discharged_encounter, disposition '20'),
--    whenever and however they were recorded, not from the discharge events the monitor happened to see.
drop table monitoring_deceased;
