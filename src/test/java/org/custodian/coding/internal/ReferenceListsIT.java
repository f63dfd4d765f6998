package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.custodian.coding.ReferenceList;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The edits' lists as loaded at start-up: counts equal the files in ../shared/data/cms (MCE v37:
 * 14,153 rows; POA-exempt FY2026: 38,349 codes per CMS's ReadMe; MS-DRG v40 appendix A: 767
 * DRGs), each with its version; loading again changes nothing.
 */
@CustodianTest
class ReferenceListsIT {

    @Autowired JdbcReferenceLists lists;

    @Test
    void versionsAndCountsAndIdempotentReload() throws Exception {
        Map<String, ReferenceList> byList = lists.inForce().stream().collect(Collectors.toMap(ReferenceList::list, l -> l));
        assertThat(byList.get(ReferenceList.MCE).version()).isEqualTo("MCE v37 (FY2020)");
        assertThat(byList.get(ReferenceList.MCE).entries()).isEqualTo(14_153);
        assertThat(byList.get(ReferenceList.POA_EXEMPT).version()).isEqualTo("FY2026");
        assertThat(byList.get(ReferenceList.POA_EXEMPT).entries()).isEqualTo(38_349);
        assertThat(byList.get(ReferenceList.MS_DRG).version()).isEqualTo("MS-DRG v40 (FY2023)");
        assertThat(byList.get(ReferenceList.MS_DRG).entries()).isEqualTo(767);
        assertThat(byList.get(ReferenceList.MCE).sha256())
                .isEqualTo("2b7d226994f70d59a04feffd1263ce17b23d81927ac62beed64e3663b22f94b1");

        assertThat(lists.loadBundled()).isEmpty();
        assertThat(lists.inForce()).hasSize(3);

        // Section 6 of MCE v37 lists D63.1 as a manifestation; the POA-exempt list has Z87.891; J18.9 is on no list.
        assertThat(lists.lookup(java.util.List.of("D63.1")).get("D631")).anySatisfy(l ->
                assertThat(l.category()).isEqualTo("Principal_Manifestation"));
        assertThat(lists.lookup(java.util.List.of("Z87.891", "J18.9")).keySet()).containsExactly("Z87891");
        assertThat(lists.msDrgs()).anySatisfy(d -> {
            assertThat(d[0]).isEqualTo("001");
            assertThat(d[2]).isEqualTo("P");
        });
    }
}
