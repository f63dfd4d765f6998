-- The parts of the designated record set (45 CFR 164.501) a request asks for beside documents:
-- laboratory results, medications, vital signs, ... (org.custodian.chart.RecordCategory names),
-- released from the kept clinical resources into the packet (right of access, 45 CFR 164.524).
alter table disclosure_request add column record_categories text[] not null default '{}';
-- What of them each release enclosed: category and number of entries.
alter table disclosure_release add column record_sections text;
