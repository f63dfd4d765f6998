-- Sensitivity tags on documents and encounters, for the segmentation of released records
-- (42 CFR Part 2, 45 CFR 164.508(a)(2) psychotherapy notes, state laws on HIV, genetic testing,
-- reproductive and behavioural health). A tag on an encounter covers every document filed under it.
create table document_sensitivity (
    document_id bigint      not null references clinical_document (id),
    tag         text        not null check (tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES', 'HIV_AIDS',
                                                    'GENETIC_TESTING', 'REPRODUCTIVE_HEALTH', 'BEHAVIORAL_HEALTH')),
    tagged_by   text        not null,
    tagged_at   timestamptz not null,
    primary key (document_id, tag)
);

create table encounter_sensitivity (
    encounter_id bigint      not null references encounter (id),
    tag          text        not null check (tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES', 'HIV_AIDS',
                                                     'GENETIC_TESTING', 'REPRODUCTIVE_HEALTH', 'BEHAVIORAL_HEALTH')),
    tagged_by    text        not null,
    tagged_at    timestamptz not null,
    primary key (encounter_id, tag)
);
