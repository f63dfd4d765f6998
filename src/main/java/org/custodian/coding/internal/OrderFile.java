package org.custodian.coding.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.coding.CodeEntry;
import org.custodian.coding.CodeSystem;

/**
 * A CMS order file parsed whole. Layout (CMS "ICD-10-CM/PCS Order File" documentation,
 * icd10OrderFiles.pdf, shipped with each year's files): order number columns 1-5, code 7-13
 * (left-justified), billable flag column 15 (1 = valid for HIPAA-covered transactions, 0 = header),
 * short description 17-76, long description from 78. ISO-8859-1 in principle; the files are ASCII.
 */
final class OrderFile {

    /** CMS's names: icd10cm_order_2026.txt, icd10pcs_order_2026.txt (possibly gzipped by us). */
    static final Pattern NAME = Pattern.compile("(?i)(?:.*/)?icd10(cm|pcs)_order_(\\d{4})\\.txt(\\.gz)?");

    /**
     * CMS's codes files (icd10pcs_codes_2027.txt): billable codes only, the code, a space and the long
     * title. Loaded where no order file is at hand (ICD-10-PCS FY2027): no headers, and the long title
     * stands for the short one. A mid-year set ({@code icd10pcs_codes_2026_april.txt}) does not match:
     * sets are kept by fiscal year.
     */
    static final Pattern CODES_NAME = Pattern.compile("(?i)(?:.*/)?icd10(cm|pcs)_codes_(\\d{4})\\.txt(\\.gz)?");

    private static final Pattern CM_CODE = Pattern.compile("[A-Z][0-9A-Z][0-9A-Z]{1,5}");
    private static final Pattern PCS_CODE = Pattern.compile("[0-9A-HJ-NP-Z]{3,7}");

    record Parsed(CodeSystem system, int fiscalYear, List<CodeEntry> entries, int billable, String sha256) {
        int headers() {
            return entries.size() - billable;
        }
    }

    private OrderFile() {
    }

    /** The system and fiscal year a file name declares, if it is an order file's name. */
    static Optional<Object[]> identify(String fileName) {
        Matcher m = NAME.matcher(fileName.replace('\\', '/'));
        if (!m.matches()) {
            m = CODES_NAME.matcher(fileName.replace('\\', '/'));
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        CodeSystem system = m.group(1).equalsIgnoreCase("cm") ? CodeSystem.ICD10CM : CodeSystem.ICD10PCS;
        return Optional.of(new Object[] {system, Integer.parseInt(m.group(2))});
    }

    /**
     * Parses the whole stream (already decompressed) or fails naming the line: a file is loaded
     * all or nothing. The content is checked against the system the name declares.
     */
    /** Whether the name is a codes file's (billable codes with long titles) rather than an order file's. */
    static boolean isCodesFile(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('!')) + 1);
        return CODES_NAME.matcher(name).matches();
    }

    static Parsed parse(CodeSystem system, int fiscalYear, InputStream raw) throws IOException {
        return parse(system, fiscalYear, raw, false);
    }

    static Parsed parse(CodeSystem system, int fiscalYear, InputStream raw, boolean codesFile) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<CodeEntry> entries = new ArrayList<>(100_000);
        int billable = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new DigestInputStream(raw, sha),
                StandardCharsets.ISO_8859_1), 1 << 16)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                CodeEntry e = codesFile ? codesLine(system, fiscalYear, line, n) : line(system, fiscalYear, line, n);
                billable += e.billable() ? 1 : 0;
                entries.add(e);
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(system.title() + " FY" + fiscalYear + ": the file has no codes");
        }
        return new Parsed(system, fiscalYear, entries, billable, HexFormat.of().formatHex(sha.digest()));
    }

    static CodeEntry line(CodeSystem system, int fiscalYear, String line, int n) {
        if (line.length() < 78 || line.charAt(5) != ' ' || line.charAt(13) != ' ' || line.charAt(15) != ' ') {
            throw bad(n, "not in the order file's fixed-width layout");
        }
        int order;
        try {
            order = Integer.parseInt(line.substring(0, 5).trim());
        } catch (NumberFormatException e) {
            throw bad(n, "order number (columns 1-5) is not a number");
        }
        String code = line.substring(6, 13).trim();
        char flag = line.charAt(14);
        if (flag != '0' && flag != '1') {
            throw bad(n, "billable flag (column 15) is neither 0 nor 1");
        }
        boolean billable = flag == '1';
        // ICD-10-CM codes start with a letter and have 3-7 characters (the second is a letter in
        // FY2026's new category QA0); PCS codes are 7 characters
        // when valid, their headers 3-6 (tables and rows of the PCS tables).
        boolean ok = system == CodeSystem.ICD10CM
                ? CM_CODE.matcher(code).matches()
                : PCS_CODE.matcher(code).matches() && (!billable || code.length() == 7);
        if (!ok) {
            throw bad(n, "'" + code + "' is not an " + system.title() + " code");
        }
        String shortDescription = line.substring(16, 76).trim();
        String longDescription = line.substring(77).trim();
        return new CodeEntry(system, fiscalYear, order, code, system.dotted(code), billable, shortDescription,
                longDescription, Chapters.of(system, code));
    }

    /** A codes file's line: the code, one space or more, the long title; every code billable. */
    static CodeEntry codesLine(CodeSystem system, int fiscalYear, String line, int n) {
        int space = line.indexOf(' ');
        if (space < 3) {
            throw bad(n, "not a codes file's line (code, space, title)");
        }
        String code = line.substring(0, space);
        boolean ok = system == CodeSystem.ICD10CM ? CM_CODE.matcher(code).matches()
                : PCS_CODE.matcher(code).matches() && code.length() == 7;
        if (!ok) {
            throw bad(n, "'" + code + "' is not an " + system.title() + " code");
        }
        String title = line.substring(space).trim();
        return new CodeEntry(system, fiscalYear, n, code, system.dotted(code), true, title, title, Chapters.of(system, code));
    }

    private static IllegalArgumentException bad(int line, String why) {
        return new IllegalArgumentException("line " + line + ": " + why);
    }
}
