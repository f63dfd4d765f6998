package org.custodian.staff.internal;

/**
 * RFC 4180 cells, defused against formula injection when the export is opened in a spreadsheet
 * (OWASP CSV injection: a cell starting with = + - @, tab or carriage return is a formula to
 * Excel and LibreOffice; issue 22, finding 8 found {@code -} let through).
 */
final class Csv {

    private Csv() {
    }

    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
