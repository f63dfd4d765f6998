package org.custodian.chart;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The encounter lifecycle an ADT feed drives: admit, transfer, discharge, their cancellations and
 * updates. Every call is audited. Calls join the caller's transaction when there is one, so an
 * interface can commit a message's effects together with its own record of the message.
 * A rule broken (discharge before admission, a cancelled encounter moved) is an
 * {@link IllegalArgumentException} naming the field.
 */
public interface EncounterLifecycle {

    /** Admits (or registers) the patient: a new encounter in progress, or the planned one of that number. */
    @PreAuthorize("hasAuthority('chart:write')")
    EncounterState admit(Admission admission);

    /**
     * Admits many new visits with one statement (an HL7 feed's batch), each with a visit number of
     * its own: each admission whose patient is registered and whose visit number is free becomes
     * an encounter in progress; any
     * other is left out (empty at its position), for the caller to {@link #admit} on its own, which
     * handles a planned visit of that number or says what is wrong.
     */
    @PreAuthorize("hasAuthority('chart:write')")
    List<Optional<EncounterState>> admitAllNew(List<Admission> admissions);

    /** Pre-admits: a planned encounter. */
    @PreAuthorize("hasAuthority('chart:write')")
    EncounterState preAdmit(Admission admission);

    @PreAuthorize("hasAuthority('chart:write')")
    EncounterState transfer(long encounterId, String toLocation, Instant at);

    /** Discharges; publishes {@link EncounterDischarged} when the caller's transaction commits. */
    @PreAuthorize("hasAuthority('chart:write')")
    EncounterState discharge(long encounterId, Instant at, DischargeDisposition disposition);

    /** Cancels an admission entered in error (A11). */
    @PreAuthorize("hasAuthority('chart:write')")
    EncounterState cancelAdmit(long encounterId);

    /** Cancels a discharge entered in error (A13): the encounter is in progress again. */
    @PreAuthorize("hasAuthority('chart:write')")
    EncounterState cancelDischarge(long encounterId);

    /** Updates what the feed says about the visit (A08); nulls leave a field as it is. */
    @PreAuthorize("hasAuthority('chart:write')")
    EncounterState update(long encounterId, String location, EncounterClass encounterClass, String patientClass,
                          String attendingProvider, String service);

    /** The encounter of that number (not audited: a lookup by an interface, no patient data returned beyond ids). */
    Optional<EncounterState> byNumber(String encounterNumber);

    /** The patient's latest encounter in progress, if any. */
    Optional<EncounterState> current(long patientId);

    /** An audited read of one encounter with its lifecycle. */
    EncounterState state(long encounterId);

    List<EncounterTransfer> transfers(long encounterId);
}
