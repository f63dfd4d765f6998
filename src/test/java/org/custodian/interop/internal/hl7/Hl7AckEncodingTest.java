package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.Message;
import org.junit.jupiter.api.Test;

/**
 * Found by MllpFuzzIT: a message declaring odd encoding characters (MSH-2 "^~\A") was answered in
 * them, so the acknowledgement code "AR" went out escaped as "\T\R" and no engine could read it.
 */
class Hl7AckEncodingTest {

    static final String ODD = "MSH|^~\\A|EHR|CLINIC|CUSTODIAN|HOSP|20260101120000||ADT^A99|8681|P|2.8\r"
            + "EVN|A99|20260101120000\r";

    @Test
    void theAcknowledgementUsesTheStandardEncodingCharacters() throws Exception {
        Message message = Hl7Parsing.parse(ODD);
        String ack = Hl7Parsing.ack(message, AdtProblem.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH", 9, "only ADT"));
        assertThat(ack).startsWith("MSH|^~\\&|");
        assertThat(ack).contains("\rMSA|AR|8681");
        assertThat(Hl7Parsing.ack(message, null)).contains("\rMSA|AA|8681");
    }
}
