-- Sensitive clinical resources (issue 15): a substance use disorder diagnosis, an addiction
-- medication, a drug screen or an HIV test result tells what a tagged document tells, so it is
-- segmented the same way: withheld from a release without an authorization naming its category
-- (42 CFR 2.31 for Part 2 records; state law for HIV), left out of chart and FHIR reads of users
-- without chart:read-sensitive (Part 2: 42 CFR 2.13), withheld from bulk export.
--
-- The rules are data: a resource of one of resource_types carrying the search term `term`
-- (as clinical_resource.terms holds it: "code=system|code"; with prefix, any code starting so)
-- gets the tag. Each rule cites what makes it sensitive. A hospital edits this list; rows stored
-- before a change keep their tags until re-sent.
create table clinical_sensitivity_rule (
    id             serial  primary key,
    tag            text    not null check (tag in ('SUBSTANCE_USE_DISORDER', 'PSYCHOTHERAPY_NOTES', 'HIV_AIDS',
                                                   'GENETIC_TESTING', 'REPRODUCTIVE_HEALTH', 'BEHAVIORAL_HEALTH')),
    resource_types text[]  not null,
    term           text    not null,
    prefix         boolean not null default false,
    what           text    not null,
    citation       text    not null,
    unique (term, tag)
);

insert into clinical_sensitivity_rule (tag, resource_types, term, prefix, what, citation) values
-- ICD-10-CM F10-F19 mental and behavioural disorders due to psychoactive substance use, except F17
-- (nicotine): Part 2's "substance use disorder" excludes tobacco and caffeine (42 CFR 2.11).
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F10', true, 'Alcohol related disorders (ICD-10-CM F10)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F11', true, 'Opioid related disorders (ICD-10-CM F11)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F12', true, 'Cannabis related disorders (ICD-10-CM F12)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F13', true, 'Sedative, hypnotic or anxiolytic related disorders (ICD-10-CM F13)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F14', true, 'Cocaine related disorders (ICD-10-CM F14)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F15', true, 'Other stimulant related disorders (ICD-10-CM F15)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F16', true, 'Hallucinogen related disorders (ICD-10-CM F16)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F18', true, 'Inhalant related disorders (ICD-10-CM F18)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|F19', true, 'Other psychoactive substance related disorders (ICD-10-CM F19)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|7200002', false, 'Alcoholism (SNOMED CT)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|66590003', false, 'Alcohol dependence (SNOMED CT)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|15167005', false, 'Alcohol abuse (SNOMED CT)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|5602001', false, 'Opioid abuse (SNOMED CT)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|75544000', false, 'Opioid dependence (SNOMED CT)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|26416006', false, 'Drug abuse (SNOMED CT)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|191816009', false, 'Drug dependence (SNOMED CT)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Condition}', 'code=http://snomed.info/sct|361055000', false, 'Misuses drugs (SNOMED CT; Synthea)', '42 CFR 2.11, 2.12'),
-- Medications for opioid and alcohol use disorder (RxNorm ingredients and the buprenorphine/naloxone combination).
('SUBSTANCE_USE_DISORDER', '{MedicationRequest,MedicationAdministration,MedicationStatement,MedicationDispense}', 'code=http://www.nlm.nih.gov/research/umls/rxnorm|1819', false, 'Buprenorphine (RxNorm)', '42 CFR 2.11, 2.12; 42 CFR Part 8 (OUD treatment)'),
('SUBSTANCE_USE_DISORDER', '{MedicationRequest,MedicationAdministration,MedicationStatement,MedicationDispense}', 'code=http://www.nlm.nih.gov/research/umls/rxnorm|352364', false, 'Buprenorphine / naloxone (RxNorm)', '42 CFR 2.11, 2.12; 42 CFR Part 8 (OUD treatment)'),
('SUBSTANCE_USE_DISORDER', '{MedicationRequest,MedicationAdministration,MedicationStatement,MedicationDispense}', 'code=http://www.nlm.nih.gov/research/umls/rxnorm|7243', false, 'Naltrexone (RxNorm)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{MedicationRequest,MedicationAdministration,MedicationStatement,MedicationDispense}', 'code=http://www.nlm.nih.gov/research/umls/rxnorm|6813', false, 'Methadone (RxNorm)', '42 CFR 2.11, 2.12; 42 CFR Part 8 (OTP)'),
-- Urine drug screens (LOINC).
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|3427-2', false, 'Cannabinoids [Presence] in Urine (LOINC)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|3393-6', false, 'Benzoylecgonine [Presence] in Urine (LOINC)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|3349-8', false, 'Amphetamines [Presence] in Urine (LOINC)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|18282-4', false, 'Cannabinoids [Presence] in Urine by Screen method (LOINC)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|14314-9', false, 'Benzoylecgonine [Presence] in Urine by Screen method (LOINC)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|19261-7', false, 'Amphetamines [Presence] in Urine by Screen method (LOINC)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|19296-3', false, 'Opiates tested for in Urine by Screen method (LOINC)', '42 CFR 2.11, 2.12'),
('SUBSTANCE_USE_DISORDER', '{Observation}', 'code=http://loinc.org|3397-7', false, 'Cocaine [Presence] in Urine (LOINC)', '42 CFR 2.11, 2.12'),
-- HIV/AIDS: state HIV confidentiality laws require a specific authorization (e.g. N.Y. Public Health Law 2782).
('HIV_AIDS', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|B20', true, 'HIV disease (ICD-10-CM B20)', 'state HIV confidentiality law (e.g. N.Y. Pub. Health Law 2782)'),
('HIV_AIDS', '{Condition}', 'code=http://hl7.org/fhir/sid/icd-10-cm|Z21', true, 'Asymptomatic HIV infection status (ICD-10-CM Z21)', 'state HIV confidentiality law (e.g. N.Y. Pub. Health Law 2782)'),
('HIV_AIDS', '{Condition}', 'code=http://snomed.info/sct|86406008', false, 'Human immunodeficiency virus infection (SNOMED CT)', 'state HIV confidentiality law (e.g. N.Y. Pub. Health Law 2782)'),
('HIV_AIDS', '{Condition}', 'code=http://snomed.info/sct|62479008', false, 'AIDS (SNOMED CT)', 'state HIV confidentiality law (e.g. N.Y. Pub. Health Law 2782)'),
('HIV_AIDS', '{Observation,DiagnosticReport}', 'code=http://loinc.org|75622-1', false, 'HIV 1 and 2 tests - Meaningful Use set (LOINC)', 'state HIV confidentiality law (e.g. N.Y. Pub. Health Law 2782)'),
('HIV_AIDS', '{Observation}', 'code=http://loinc.org|7917-8', false, 'HIV 1 Ab [Presence] in Serum (LOINC)', 'state HIV confidentiality law (e.g. N.Y. Pub. Health Law 2782)'),
('HIV_AIDS', '{Observation}', 'code=http://loinc.org|25836-8', false, 'HIV 1 RNA viral load (LOINC)', 'state HIV confidentiality law (e.g. N.Y. Pub. Health Law 2782)');

-- The tags a resource matched when it was stored.
alter table clinical_resource add column sensitivity text[] not null default '{}';

update clinical_resource r set sensitivity = m.tags
from (select r2.id, array_agg(distinct s.tag order by s.tag) as tags
      from clinical_resource r2 cross join lateral unnest(r2.terms) t(term)
      join clinical_sensitivity_rule s on r2.resource_type = any(s.resource_types)
           and (t.term = s.term or (s.prefix and starts_with(t.term, s.term)))
      group by r2.id) m
where m.id = r.id;
