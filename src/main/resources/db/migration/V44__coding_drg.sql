-- The MS-DRG of each inpatient stay as last grouped (coding module), kept so that the worklist can
-- sort by expected payment, DNFB can be counted in dollars and the case mix index summed by SQL.
-- Regrouped on every save, finalize and reopen of the billing abstract; a stay not yet coded has a
-- working DRG from the conditions the chart documented (source FINDINGS). No patient_id: the row
-- follows its encounter (coding_worklist holds the patient).
create table coding_drg (
    encounter_id     bigint        primary key,
    source           text          not null check (source in ('ABSTRACT', 'FINDINGS')),
    final            boolean       not null,   -- the billing abstract is final
    discharge_date   date          not null,   -- in the hospital's zone; chooses the grouper version
    version          text,                     -- grouper version ('43.0', '43.1'); null when not grouped
    drg              integer,                  -- null when not grouped (message says why)
    mdc              integer,
    weight           numeric(8, 4),            -- Table 5 relative weight
    expected_payment numeric(12, 2),           -- weight x blended base rate; null without a rate for the year
    message          text,                     -- why there is no DRG or no payment
    service          text,                     -- the encounter's service line when grouped
    attending        text,                     -- the chart's attending (text) when grouped
    grouped_at       timestamptz   not null
);
create index coding_drg_final_discharge on coding_drg (final, discharge_date);
