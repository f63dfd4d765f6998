-- Who delivered each HL7 v2 message (HIPAA 45 CFR 164.312(d), person or entity authentication;
-- 164.312(b), audit controls): the peer's network address and its authenticated identity, the
-- subject of its TLS client certificate, or 'loopback-plain' for the plain loopback demo listener.
-- Null for rows stored before the listener recorded its peers.
alter table hl7_message add column peer_address text;
alter table hl7_message add column peer_identity text;
