package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.custodian.coding.CodeSystem;
import org.junit.jupiter.api.Test;

/** CMS's codes file (code, space, long title), read where no order file is at hand (ICD-10-PCS FY2027). */
class CodesFileTest {

    @Test
    void namesAreRecognisedAndTheAprilSetIsNotAFiscalYearsSet() {
        assertThat(OrderFile.identify("icd10pcs_codes_2027.txt.gz")).hasValueSatisfying(id -> {
            assertThat(id[0]).isEqualTo(CodeSystem.ICD10PCS);
            assertThat(id[1]).isEqualTo(2027);
        });
        assertThat(OrderFile.isCodesFile("/x/icd10pcs_codes_2027.txt.gz")).isTrue();
        assertThat(OrderFile.isCodesFile("/x/cms.zip!icd10cm_codes_2027.txt")).isTrue();
        assertThat(OrderFile.isCodesFile("/x/icd10pcs_order_2026.txt.gz")).isFalse();
        assertThat(OrderFile.identify("icd10pcs_codes_2026_april.txt.gz")).isEmpty();
    }

    @Test
    void everyCodeIsBillableWithItsLongTitle() throws Exception {
        String text = "0016070 Bypass Cerebral Ventricle to Nasopharynx with Autologous Tissue Substitute, Open Approach\n"
                + "3E033AZ Introduction of Cellular Therapy into Peripheral Vein, Percutaneous Approach\n";
        OrderFile.Parsed p = OrderFile.parse(CodeSystem.ICD10PCS, 2027,
                new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), true);
        assertThat(p.entries()).hasSize(2);
        assertThat(p.billable()).isEqualTo(2);
        assertThat(p.entries().get(1).code()).isEqualTo("3E033AZ");
        assertThat(p.entries().get(1).longDescription()).startsWith("Introduction of Cellular Therapy");
        assertThatThrownBy(() -> OrderFile.parse(CodeSystem.ICD10PCS, 2027,
                new ByteArrayInputStream("001 Central Nervous System\n".getBytes(StandardCharsets.US_ASCII)), true))
                .hasMessageContaining("line 1");
    }
}
