package org.custodian.interop.internal.hl7;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A frame's bytes as message text: UTF-8 when the bytes are valid UTF-8, ISO-8859-1 otherwise
 * (the usual default of v2 senders); a byte order mark dropped; LF and CR LF turned into the CR
 * that separates segments in HL7 v2 (files and some senders use LF).
 */
record Hl7Text(String text, Charset charset) {

    static Hl7Text of(byte[] frame) {
        Charset charset = StandardCharsets.UTF_8;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(frame)).toString();
        } catch (CharacterCodingException e) {
            charset = StandardCharsets.ISO_8859_1;
            text = new String(frame, charset);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\r").replace('\n', '\r');
        int start = 0;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = text.length();
        while (end > start && Character.isWhitespace(text.charAt(end - 1)) && text.charAt(end - 1) != '\r') {
            end--;
        }
        return new Hl7Text(text.substring(start, end).replace("\u0000", ""), charset);
    }
}
