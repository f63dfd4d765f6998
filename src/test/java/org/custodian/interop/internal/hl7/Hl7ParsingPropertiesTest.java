package org.custodian.interop.internal.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Fuzzing the HL7 v2 receiver's parsing half (issue 22, finding 2: one bad frame must never fail its
 * neighbours): a valid ADT A08 mutated at random (characters replaced, inserted, deleted, with the
 * delimiters, CR, NUL, lone surrogates and long runs) goes through what {@code AdtReceiver.prepare}
 * does before the database: HAPI's parse, the header fields, their length check, and the answer. No
 * input may escape as an exception, and every answer is an HL7 acknowledgement.
 */
class Hl7ParsingPropertiesTest {

    private static final String A08 = "MSH|^~\\&|EHR|GHH|CUSTODIAN|HIM|20260301120000||ADT^A08^ADT_A01|MSG00001|P|2.5.1\r"
            + "EVN|A08|20260301120000\r"
            + "PID|1||123456^^^GHH^MR||Everyman^Adam^A||19800101|M|||1 Main St^^Springfield^IL^62701||217-555-0100|||||||123-45-6789\r"
            + "PV1|1|I|4E^401^A|||||||MED\r";
    private static final List<String> PIECES = List.of("|", "^", "~", "\\", "&", "\r", "\n", "\u0000", "\uD800", "MSH|",
            "PID|", "\u000B", "\u001C", "9".repeat(300), "x".repeat(9000), "é", "ADT^A40", "2.9.9");

    @Property
    void everyMutatedMessageIsAnsweredAndNoneThrows(@ForAll("mutated") String text) throws HL7Exception {
        Message message;
        try {
            message = Hl7Parsing.parse(text);
        } catch (HL7Exception | RuntimeException notParsable) { // as AdtReceiver.prepare: rejected alone
            Segment header = Hl7Parsing.criticalHeader(text);
            String ack = Hl7Parsing.reject(header, AdtProblem.reject(ErrorCode.SEGMENT_SEQUENCE_ERROR, "MSH", 0, "not parsable"));
            assertThat(ack).startsWith("MSH|").contains("MSA|AR");
            return;
        }
        // Past the parse, AdtReceiver.prepare catches nothing: none of this may throw.
        AdtFields fields = new AdtFields(message).prefetch(AdtApplier.PATHS);
        Hl7Header header = Hl7Header.of(fields);
        AdtProblem problem = header.overlong();
        String ack = Hl7Parsing.ack(message, problem != null ? problem
                : AdtProblem.reject(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, "MSH", 9, "fuzz"));
        assertThat(ack).startsWith("MSH|").contains("MSA|");
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Tuple.Tuple3<Integer, Integer, String>> edit = Arbitraries.integers().between(0, 2)
                .flatMap(kind -> Arbitraries.integers().between(0, A08.length())
                        .flatMap(at -> Arbitraries.oneOf(Arbitraries.of(PIECES), Arbitraries.strings().ofMaxLength(8))
                                .map(piece -> Tuple.of(kind, at, piece))));
        return edit.list().ofMinSize(1).ofMaxSize(6).map(edits -> {
            StringBuilder s = new StringBuilder(A08);
            for (var e : edits) {
                int at = Math.min(e.get2(), s.length());
                switch (e.get1()) {
                    case 0 -> s.insert(at, e.get3());
                    case 1 -> s.replace(at, Math.min(s.length(), at + e.get3().length()), e.get3());
                    default -> s.delete(at, Math.min(s.length(), at + 1 + e.get3().length()));
                }
            }
            return s.toString();
        });
    }
}
