package org.custodian.audit;

/**
 * The result of walking the hash chain: whether it holds, how many events were read and, when
 * it does not hold, the first sequence number whose link is broken and why.
 */
public record ChainVerification(boolean valid, long events, Long firstBrokenSeq, String problem, long millis) {
}
