package org.custodian.cdi;

import java.time.Instant;
import java.util.List;

/**
 * CDI's figures for the dashboard: the queries sent and the stays reviewed between two instants,
 * as plain dated rows, so the analytics module computes query, response, agreement and CC/MCC
 * capture rates (ACDIS's definitions, the same as {@link CdiMeasures}) for any period without
 * reading CDI's tables. Rows carry ids only; the caller checks who may see the figure.
 */
public interface CdiFigures {

    /**
     * A query: when sent and answered (null while unanswered), the answer's outcome, and whether the
     * working MS-DRG's severity rose to CC or MCC after the answer.
     */
    record QueryDates(long id, long patientId, long encounterId, Instant sentAt, Instant answeredAt, String outcome,
                      boolean ccMccCaptured) {
    }

    /** A stay's review by a CDI specialist. */
    record ReviewDates(long patientId, long encounterId, Instant reviewedAt) {
    }

    /** Queries sent from {@code start} (inclusive) to {@code end} (exclusive). */
    List<QueryDates> queries(Instant start, Instant end);

    /** Reviews made from {@code start} (inclusive) to {@code end} (exclusive). */
    List<ReviewDates> reviews(Instant start, Instant end);
}
