package org.custodian.interop.internal.hl7;

import org.springframework.context.ApplicationContext;

/** Test data for other modules' tests (the endpoint matrix): a received message that FAILED. */
public final class FailedMessages {

    private FailedMessages() {
    }

    /** Stores a discharge for a patient nobody admitted (answered AE, kept FAILED); returns its id. */
    public static long fixable(ApplicationContext context) {
        AdtReceiver receiver = context.getBean(AdtReceiver.class);
        String message = AdtSamples.rewrite(AdtSamples.read("ADT-A03-02.hl7"), AdtSamples.unique("C"),
                AdtSamples.unique("M"), AdtSamples.unique("V"), null);
        AdtReceiver.Outcome outcome = receiver.receive(message);
        if (!outcome.status().equals("FAILED")) {
            throw new IllegalStateException("expected a FAILED message, got " + outcome.status());
        }
        return outcome.messageId();
    }
}
