-- Clinical documentation improvement (cdi module): worklist rules as data, compliant physician
-- queries with their clinical indicators (the business record), reviews, and the lint list of
-- phrases a query may not use (AHIMA/ACDIS, Guidelines for Achieving a Compliant Query Practice,
-- 2022 update). Encounter, patient and practitioner ids refer to other modules' rows (no foreign keys
-- across modules).

-- A worklist rule: fires on a stay whose record shows the indicator and none of the satisfying codes.
create table cdi_rule (
    id               text        primary key,             -- stable id, e.g. 'hyponatremia'
    title            text        not null,
    operator         text        not null check (operator in ('BELOW', 'ABOVE', 'AT_LEAST', 'RISE_RATIO', 'DROP',
                                                              'DRG_MCC_SPLIT', 'UNSPECIFIED_PRINCIPAL')),
    loinc            text[]      not null default '{}',   -- the Observations looked at
    threshold        numeric,                             -- value, ratio or drop the rule compares with
    window_hours     integer,                             -- baseline-to-peak window of a rise or drop
    requires_codes   text[]      not null default '{}',   -- context the rule needs (infection, transfusion; or the unspecified codes)
    satisfying_codes text[]      not null default '{}',   -- ICD-10-CM codes (prefixes, no dots) that document the condition
    template         text,                                -- the query template it suggests
    citation         text        not null,
    active           boolean     not null default true,
    version          integer     not null default 1,
    updated_by       text,
    updated_at       timestamptz
);

insert into cdi_rule (id, title, operator, loinc, threshold, window_hours, requires_codes, satisfying_codes, template, citation) values
('hyponatremia', 'Sodium below 135 mmol/L without hyponatremia documented', 'BELOW', '{2951-2}', 135, null, '{}', '{E871,E870}',
 'open-ended', 'Hyponatremia: serum sodium < 135 mmol/L (Spasovski G et al., Clinical practice guideline on hyponatraemia, Eur J Endocrinol 2014;170:G1)'),
('aki', 'Creatinine rise of 1.5 times baseline or more within 7 days without acute kidney injury documented', 'RISE_RATIO', '{2160-0}', 1.5, 168,
 '{}', '{N17}', 'aki', 'KDIGO Clinical Practice Guideline for Acute Kidney Injury, Kidney Int Suppl 2012;2:1 (creatinine ≥ 1.5 × baseline within 7 days)'),
('sepsis', 'Lactate above 2 mmol/L with an infection without sepsis documented', 'ABOVE', '{2524-7,32693-4}', 2, null,
 '{A0,A1,A2,A3,A4,A49,B9,J1,J2,J4,J69,J85,J86,K35,K57,K65,K81,K83,L0,M00,M86,N10,N30,N390,T814,T826,T827,T835,T845,T857}',
 '{A40,A41,R652,A021,A227,A267,A327,A427,A547,B377}', 'sepsis',
 'Sepsis-3: Singer M et al., The Third International Consensus Definitions for Sepsis and Septic Shock, JAMA 2016;315(8):801 (lactate > 2 mmol/L)'),
('obesity', 'BMI of 40 or more without obesity documented', 'AT_LEAST', '{39156-5}', 40, null, '{}', '{E66,Z684}', 'obesity',
 'ICD-10-CM Official Guidelines FY2026 I.B.14 (BMI is coded only with an associated diagnosis documented by the provider); WHO obesity class III: BMI ≥ 40'),
('blood-loss-anemia', 'Hemoglobin drop of 2 g/dL or more with a transfusion without acute blood-loss anemia documented', 'DROP', '{718-7}', 2, 72,
 '{30233N1,30243N1,30233H1,30243H1,30233K1,30243K1,116859006,5447007}', '{D62}', 'anemia',
 'Acute blood-loss anemia: hemoglobin drop ≥ 2 g/dL with transfusion (ACDIS CDI Pocket Guide; AABB transfusion guideline, JAMA 2023;330(19):1892)'),
('mcc-split', 'The MS-DRG family has a "with MCC" split the documentation does not reach', 'DRG_MCC_SPLIT', '{}', null, null, '{}', '{}',
 'open-ended', 'CMS IPPS final rule FY2026, MS-DRG Definitions Manual v43 (severity splits by CC/MCC, 42 CFR 412.60)'),
('unspecified-principal', 'The principal diagnosis is unspecified where a specific code exists', 'UNSPECIFIED_PRINCIPAL', '{}', null, null,
 '{J189,I509,N179,D649,J9690,G9340,A419,L8990,E46,J159,N390,I214}', '{}', 'open-ended',
 'ICD-10-CM Official Guidelines FY2026 I.A.9 and I.B.18 (unspecified codes only when the record does not support a more specific one)');

-- Phrases a query may not contain: leading phrasing and any mention of money or scores (the lint list).
create table cdi_query_lint (
    phrase   text primary key,                           -- lower case, matched as a phrase
    category text not null check (category in ('LEADING', 'FINANCIAL')),
    reason   text not null
);
insert into cdi_query_lint (phrase, category, reason) values
('please document', 'LEADING', 'directs the provider to a diagnosis'),
('please add', 'LEADING', 'directs the provider to a diagnosis'),
('don''t you agree', 'LEADING', 'asks for agreement, not clinical judgement'),
('do you agree', 'LEADING', 'asks for agreement, not clinical judgement'),
('would you agree', 'LEADING', 'asks for agreement, not clinical judgement'),
('consider documenting', 'LEADING', 'directs the provider to a diagnosis'),
('it is obvious', 'LEADING', 'presumes the answer'),
('obviously', 'LEADING', 'presumes the answer'),
('clearly has', 'LEADING', 'presumes the answer'),
('we need', 'LEADING', 'puts the department''s need before clinical judgement'),
('should be documented', 'LEADING', 'directs the provider to a diagnosis'),
('confirm that the patient has', 'LEADING', 'presumes a diagnosis not documented'),
('payment', 'FINANCIAL', 'the financial impact of an answer may not be stated'),
('reimbursement', 'FINANCIAL', 'the financial impact of an answer may not be stated'),
('drg', 'FINANCIAL', 'the DRG impact of an answer may not be stated'),
('relative weight', 'FINANCIAL', 'the DRG weight may not be stated'),
('weight of the', 'FINANCIAL', 'the DRG weight may not be stated'),
('case mix', 'FINANCIAL', 'the case-mix impact may not be stated'),
('revenue', 'FINANCIAL', 'the financial impact of an answer may not be stated'),
('dollars', 'FINANCIAL', 'the financial impact of an answer may not be stated'),
('quality score', 'FINANCIAL', 'the quality-score impact of an answer may not be stated'),
('star rating', 'FINANCIAL', 'the quality-score impact of an answer may not be stated'),
('severity of illness score', 'FINANCIAL', 'the quality-score impact of an answer may not be stated'),
('hcc', 'FINANCIAL', 'the risk-adjustment impact of an answer may not be stated');

-- A query to a physician, kept with its indicators as the business record (the answer is a signed addendum in the chart).
create table cdi_query (
    id                  bigserial   primary key,
    encounter_id        bigint      not null,
    patient_id          bigint      not null,
    practitioner_id     bigint      not null,            -- the physician asked
    service             text,                             -- the stay's service when asked (for the measures)
    template            text        not null,
    format              text        not null check (format in ('MULTIPLE_CHOICE', 'YES_NO', 'OPEN_ENDED')),
    yes_no_purpose      text        check (yes_no_purpose in ('CONFIRM_DOCUMENTED', 'PRESENT_ON_ADMISSION', 'CAUSE_AND_EFFECT')),
    question            text        not null,
    options             jsonb       not null default '[]', -- [{"text":..,"kind":"DIAGNOSIS|OTHER|UNDETERMINED|NOT_SUPPORTED|YES|NO","code":..}]
    timing              text        not null check (timing in ('CONCURRENT', 'RETROSPECTIVE', 'POST_BILL')),
    rule_ids            text[]      not null default '{}',
    status              text        not null check (status in ('OPEN', 'ANSWERED', 'CLOSED')),
    created_by          text        not null,
    created_at          timestamptz not null,
    answered_by         text,
    answered_at         timestamptz,
    answer_option       integer,
    answer_text         text,
    outcome             text        check (outcome in ('AGREED', 'DISAGREED', 'UNDETERMINED', 'NO_RESPONSE')),
    addendum_id         bigint,                           -- the signed addendum in the chart
    drg_before          text,
    weight_before       numeric(8, 4),
    payment_before      numeric(12, 2),
    severity_before     text,
    drg_after           text,
    weight_after        numeric(8, 4),
    payment_after       numeric(12, 2),
    severity_after      text,
    followed_up_at      timestamptz,
    escalated_at        timestamptz,
    escalated_to        bigint                            -- the physician advisor's practitioner id
);
create index cdi_query_encounter on cdi_query (encounter_id);
create index cdi_query_practitioner_open on cdi_query (practitioner_id) where status = 'OPEN';
create index cdi_query_patient on cdi_query (patient_id);

-- The clinical indicators of a query, each with its source in the record.
create table cdi_query_indicator (
    query_id    bigint  not null references cdi_query (id),
    position    integer not null,
    source_type text    not null check (source_type in ('Observation', 'Document', 'Finding')),
    source_id   bigint  not null,
    label       text    not null,
    value       text,
    unit        text,
    observed_at timestamptz,
    href        text,
    primary key (query_id, position)
);

-- A CDI specialist's review of a stay (the review rate's numerator).
create table cdi_review (
    id           bigserial   primary key,
    encounter_id bigint      not null,
    patient_id   bigint      not null,
    reviewer     text        not null,
    service      text,
    reviewed_at  timestamptz not null,
    timing       text        not null check (timing in ('CONCURRENT', 'RETROSPECTIVE', 'POST_BILL'))
);
create index cdi_review_encounter on cdi_review (encounter_id, reviewed_at);
create index cdi_review_patient on cdi_review (patient_id);

create table cdi_merge_move (
    merge_id bigint not null,
    row_type text   not null check (row_type in ('QUERY', 'REVIEW')),
    row_id   bigint not null,
    primary key (merge_id, row_type, row_id)
);
