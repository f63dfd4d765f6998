package org.custodian.interop.internal.hl7;

import org.custodian.interop.Hl7Inbound;
import org.springframework.stereotype.Component;

/** {@link Hl7Inbound} over the listener's own receiver: same storage, same rules, same answers. */
@Component
class InProcessInbound implements Hl7Inbound {

    private final AdtReceiver receiver;

    InProcessInbound(AdtReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public Receipt receive(String message) {
        AdtReceiver.Outcome outcome = receiver.receive(message);
        return new Receipt(outcome.messageId(), outcome.status(), outcome.ackCode(), outcome.error());
    }
}
