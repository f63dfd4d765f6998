package org.custodian.mpi;

/**
 * The master patient index's check of a registration that arrived without a registrar (an ADT
 * feed, a bulk import): the patient is queued, in the caller's transaction, and screened against
 * the index shortly after it commits; likely matches go to the duplicate worklist. The caller's
 * transaction pays one insert, not the search: an interface acknowledges messages by the
 * thousand and must not wait for the matching engine.
 */
public interface RegistrationScreen {

    /** Queues the registered patient for screening (in the caller's transaction: lost only with it). */
    void screenLater(long patientId);

    /** {@link #screenLater(long)} of several patients in one statement. */
    void screenLater(java.util.Collection<Long> patientIds);

    /** Screens what is queued now (the background worker does this every few seconds); returns how many, 0 while another screener works. */
    int screenQueued();
}
