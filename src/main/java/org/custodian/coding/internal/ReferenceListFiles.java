package org.custodian.coding.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.ReferenceList;

/**
 * The parser of the POA-exempt list as CMS publishes it. It returns every row or throws naming the
 * line: a list is loaded whole or not at all. (The Medicare Code Editor and the MS-DRG list are the
 * reimbursement module's versioned tables, chosen by discharge date: {@code CodeEditor}, Table 5.)
 */
final class ReferenceListFiles {

    /** One row of a list. {@code codeType}: D diagnosis, P procedure, G a DRG. */
    record Entry(String category, String codeType, String code, String description, String detail) {
    }

    record Parsed(String list, String version, int rank, String sha256, List<Entry> entries) {
    }

    private ReferenceListFiles() {
    }

    /** CMS's POA-exempt list, tab-separated: Order, POAexemptCode (dotted), Description. */
    static Parsed poaExempt(InputStream in, int fiscalYear) throws IOException {
        Lines lines = read(in);
        if (lines.text.isEmpty() || !lines.text.get(0).contains("POAexemptCode")) {
            throw new IllegalArgumentException("POA-exempt file: no header");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.text.size(); i++) {
            String line = lines.text.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 3 || f[1].isBlank()) {
                throw new IllegalArgumentException("POA-exempt line " + (i + 1) + ": expected order, code, description");
            }
            entries.add(new Entry("POA_EXEMPT", "D", CodeSystem.normalize(f[1]), f[2].trim(), null));
        }
        return new Parsed(ReferenceList.POA_EXEMPT, "FY" + fiscalYear, fiscalYear, lines.sha256, entries);
    }

    private record Lines(List<String> text, String sha256) {
    }

    private static Lines read(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        List<String> text = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(bytes),
                StandardCharsets.ISO_8859_1))) {
            for (String line; (line = r.readLine()) != null; ) {
                text.add(line);
            }
        }
        try {
            return new Lines(text, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
