package org.custodian.mpi;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * The master patient index's check of a registration that arrived without a registrar (an ADT
 * feed, a bulk import): the patient is queued, in the caller's transaction, and screened against
 * the index shortly after it commits; likely matches go to the duplicate worklist. The caller's
 * transaction pays one insert, not the search: an interface acknowledges messages by the
 * thousand and must not wait for the matching engine.
 */
public interface RegistrationScreen {

    /** Queues the registered patient for screening (in the caller's transaction: lost only with it). */
    @PreAuthorize("hasAuthority('chart:write')")
    void screenLater(long patientId);

    /** {@link #screenLater(long)} of several patients in one statement. */
    @PreAuthorize("hasAuthority('chart:write')")
    void screenLater(java.util.Collection<Long> patientIds);

    /**
     * Screens what is queued now (the background worker does this every few seconds); returns how many, 0 while another
     * screener works. The screen is the system's work whoever asks for it now: it runs as the system actor.
     */
    int screenQueued();
}
