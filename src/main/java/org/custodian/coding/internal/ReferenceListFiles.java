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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.coding.CodeSystem;
import org.custodian.coding.ReferenceList;

/**
 * Parsers of the three reference files as CMS (and those who re-keyed CMS's text) publish them.
 * Each returns every row or throws naming the line: a list is loaded whole or not at all.
 */
final class ReferenceListFiles {

    /** One row of a list. {@code codeType}: D diagnosis, P procedure, G a DRG. */
    record Entry(String category, String codeType, String code, String description, String detail) {
    }

    record Parsed(String list, String version, int rank, String sha256, List<Entry> entries) {
    }

    private ReferenceListFiles() {
    }

    /**
     * The MCE "simple" edits, tab-separated: MCE_Version, ICD_Version, MCE_Section, MCE_Subsection,
     * MCE_Edit_Type, ICD_Code_Type, ICD_Code, ICD_Desc. The version comes from the rows themselves.
     */
    static Parsed mce(InputStream in) throws IOException {
        Lines lines = read(in);
        List<Entry> entries = new ArrayList<>();
        Integer version = null;
        for (int i = 1; i < lines.text.size(); i++) {
            String line = lines.text.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 8 || !f[1].equals("10") || !(f[5].equals("D") || f[5].equals("P"))) {
                throw new IllegalArgumentException("MCE line " + (i + 1) + ": expected 8 tab-separated ICD-10 fields");
            }
            int v = Integer.parseInt(f[0].trim());
            if (version != null && version != v) {
                throw new IllegalArgumentException("MCE line " + (i + 1) + ": two MCE versions in one file");
            }
            version = v;
            String section = f[2] + ("_".equals(f[3]) || f[3].isBlank() ? "" : f[3]);
            entries.add(new Entry(f[4].trim(), f[5], CodeSystem.normalize(f[6]), f[7].trim(), section));
        }
        if (version == null || !lines.text.get(0).startsWith("MCE_Version")) {
            throw new IllegalArgumentException("MCE file: no header or no rows");
        }
        // MCE v37 is the FY2020 release; CMS numbers MCE versions with the grouper (v33 = FY2016).
        return new Parsed(ReferenceList.MCE, "MCE v" + version + " (FY" + (version + 1983) + ")", version,
                lines.sha256, entries);
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

    private static final Pattern DRG_LINE = Pattern.compile("^(\\d{3}) (\\d{2}| {2}) +([MP]) +(.+)$");
    private static final Pattern DRG_TITLE = Pattern.compile("List of MS-DRGs Version (\\d+)");

    /** MS-DRG Definitions Manual Appendix A: DRG, MDC (blank for pre-MDC DRGs), M or P, title. */
    static Parsed msDrg(InputStream in) throws IOException {
        Lines lines = read(in);
        Integer version = null;
        List<Entry> entries = new ArrayList<>();
        for (String line : lines.text) {
            Matcher title = DRG_TITLE.matcher(line);
            if (version == null && title.find()) {
                version = Integer.parseInt(title.group(1));
            }
            Matcher m = DRG_LINE.matcher(line);
            if (m.matches()) {
                String mdc = m.group(2).isBlank() ? null : m.group(2);
                entries.add(new Entry(m.group(3), "G", m.group(1), m.group(4).trim(), mdc));
            } else if (line.matches("^\\d{3} +[A-Z].*")) {
                // 998 and 999 have neither MDC nor M/P.
                entries.add(new Entry("-", "G", line.substring(0, 3), line.substring(3).trim(), null));
            }
        }
        if (version == null || entries.isEmpty()) {
            throw new IllegalArgumentException("MS-DRG appendix A: no version line or no DRGs");
        }
        // MS-DRG v40 is the FY2023 grouper (v37 = FY2020).
        return new Parsed(ReferenceList.MS_DRG, "MS-DRG v" + version + " (FY" + (version + 1983) + ")", version,
                lines.sha256, entries);
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
