package org.custodian.interop.internal.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v28.message.ACK;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;

/**
 * HAPI HL7v2 set up once: every version from 2.3 to 2.8 is parsed into the v2.8 structures
 * (HAPI's canonical model, as v2 is backward compatible), without HAPI's strict validation so that
 * what HAPI can parse is accepted and Custodian's own rules decide; ACK control ids come from
 * memory rather than HAPI's default file in the working directory.
 */
final class Hl7Parsing {

    private static final HapiContext CONTEXT = context();
    private static final ThreadLocal<PipeParser> PARSER = ThreadLocal.withInitial(CONTEXT::getPipeParser);

    private Hl7Parsing() {
    }

    private static HapiContext context() {
        DefaultHapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.8"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator());
        context.getParserConfiguration().setAllowUnknownVersions(true);
        return context;
    }

    static Message parse(String text) throws HL7Exception {
        return PARSER.get().parse(text);
    }

    static String encode(Message message) throws HL7Exception {
        return PARSER.get().encode(message);
    }

    /** The acknowledgement of a parsed message: AA, or AE/AR with an ERR segment. */
    static String ack(Message message, AdtProblem problem) {
        try {
            Message ack = problem == null ? message.generateACK() : message.generateACK(problem.ack(), exception(problem));
            // HAPI answers in the sender's own encoding characters; a sender that declared odd ones
            // (a mutated MSH-2) would get "AR" escaped as "\T\R". Answer in the standard ones.
            Segment msh = (Segment) ack.get("MSH");
            Terser.set(msh, 1, 0, 1, 1, "|");
            Terser.set(msh, 2, 0, 1, 1, "^~\\&");
            return encode(ack);
        } catch (HL7Exception | IOException | RuntimeException e) {
            // The inbound header was too broken for HAPI to answer from it: answer from scratch.
            return reject(null, problem == null ? AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, "MSH", 0,
                    "the acknowledgement could not be built from this message's header") : problem);
        }
    }

    /**
     * An AR (or AE) for a frame HAPI could not parse, addressed back from whatever of its MSH
     * could be read ({@code header} may be null).
     */
    static String reject(Segment header, AdtProblem problem) {
        try {
            ACK ack = new ACK();
            ack.setParser(PARSER.get());
            ack.initQuickstart("ACK", null, "P");
            if (header != null) {
                copy(header, 3, ack.getMSH(), 5);
                copy(header, 4, ack.getMSH(), 6);
                copy(header, 5, ack.getMSH(), 3);
                copy(header, 6, ack.getMSH(), 4);
                ack.getMSA().getMessageControlID().setValue(Terser.get(header, 10, 0, 1, 1));
            }
            exception(problem).populateResponse(ack, problem.ack(), 0);
            return encode(ack);
        } catch (HL7Exception | IOException | RuntimeException e) {
            // Cannot happen with a fresh ACK; answer with the fixed minimum rather than nothing.
            return "MSH|^~\\&|CUSTODIAN||||||ACK|0|P|2.8\rMSA|AR|\rERR|||207^Application internal error^HL70357|E\r";
        }
    }

    private static void copy(Segment from, int fromField, Segment to, int toField) throws HL7Exception {
        String value = Terser.get(from, fromField, 0, 1, 1);
        if (value != null) {
            Terser.set(to, toField, 0, 1, 1, value);
        }
    }

    /** The sending side's MSH of an unparseable frame, if HAPI can read that much of it. */
    static Segment criticalHeader(String text) {
        try {
            return PARSER.get().getCriticalResponseData(text);
        } catch (HL7Exception | RuntimeException e) {
            return null;
        }
    }

    private static HL7Exception exception(AdtProblem problem) {
        HL7Exception e = new HL7Exception(problem.getMessage(), problem.code());
        if (problem.segment() != null) {
            e.setSegmentName(problem.segment());
            e.setSegmentRepetition(1);
            if (problem.field() > 0) {
                e.setFieldPosition(problem.field());
            }
        }
        return e;
    }
}
