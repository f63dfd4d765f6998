package org.custodian.staff.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** OWASP CSV injection: a cell that a spreadsheet would take for a formula starts with a quote (issue 22, finding 8). */
class CsvTest {

    @Test
    void everyFormulaPrefixIsDefusedIncludingTheMinusSign() {
        for (String formula : new String[] {"=1+1", "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"}) {
            assertThat(Csv.cell(formula)).as(formula).matches("(?s)\"?'.*");
        }
        assertThat(Csv.cell("plain")).isEqualTo("plain");
        assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
    }
}
