package org.custodian.staff.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.custodian.staff.Certificate;

/**
 * An uploaded certificate is judged by its bytes, not by its name or the browser's word: only a
 * PDF, PNG or JPEG under the size limit is kept, and the file name is reduced to a safe base name.
 */
final class CertificateCheck {

    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private final int maxBytes;

    CertificateCheck(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The content type the bytes really are; throws naming the problem otherwise. */
    String verify(Certificate certificate) {
        byte[] content = certificate.content();
        if (content == null || content.length == 0) {
            throw new IllegalArgumentException("certificate: the file is empty");
        }
        if (content.length > maxBytes) {
            throw new IllegalArgumentException("certificate: " + content.length + " bytes is over the limit of "
                    + maxBytes + " bytes");
        }
        String actual = startsWith(content, PDF) ? "application/pdf"
                : startsWith(content, PNG) ? "image/png"
                : startsWith(content, JPEG) ? "image/jpeg" : null;
        if (actual == null) {
            throw new IllegalArgumentException("certificate: only PDF, PNG or JPEG files are accepted");
        }
        String declared = certificate.contentType();
        if (declared != null && !declared.isBlank() && !declared.equalsIgnoreCase(actual)
                && !(actual.equals("image/jpeg") && declared.equalsIgnoreCase("image/jpg"))) {
            throw new IllegalArgumentException("certificate: declared as " + declared + " but the content is " + actual);
        }
        return actual;
    }

    /** The last path element, without control or shell-special characters, at most 120 characters. */
    static String safeName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        if (name.isEmpty() || name.chars().allMatch(c -> c == '.')) {
            name = "certificate";
        }
        return name.length() > 120 ? name.substring(name.length() - 120) : name;
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
