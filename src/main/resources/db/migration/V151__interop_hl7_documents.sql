-- Which chart document each HL7 v2 MDM unique document number (TXA-12) became, per sending
-- facility: a later edit (T08), status change (T04) or cancellation (T11) finds its document here,
-- and a second original (T02) of the same number is refused rather than filed twice.
create table hl7_document (
    sending_facility text   not null,
    document_number  text   not null,
    document_id      bigint not null references clinical_document (id),
    primary key (sending_facility, document_number)
);
create index hl7_document_document on hl7_document (document_id);
