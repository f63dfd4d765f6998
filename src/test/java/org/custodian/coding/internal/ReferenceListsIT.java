package org.custodian.coding.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.custodian.coding.ReferenceList;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The edits' reference list as loaded at start-up: the POA-exempt list FY2026 (38,349 codes per
 * CMS's ReadMe) with its version; loading again changes nothing. The MCE v37 and MS-DRG v40 lists
 * are gone (V43): the MCE v43 and the v43 Table 5 of the reimbursement module replace them.
 */
@CustodianTest
class ReferenceListsIT {

    @Autowired JdbcReferenceLists lists;

    @Test
    void versionsAndCountsAndIdempotentReload() throws Exception {
        Map<String, ReferenceList> byList = lists.inForce().stream().collect(Collectors.toMap(ReferenceList::list, l -> l));
        assertThat(byList.keySet()).containsExactly(ReferenceList.POA_EXEMPT);
        assertThat(byList.get(ReferenceList.POA_EXEMPT).version()).isEqualTo("FY2026");
        assertThat(byList.get(ReferenceList.POA_EXEMPT).entries()).isEqualTo(38_349);

        assertThat(lists.loadBundled()).isEmpty();
        assertThat(lists.inForce()).hasSize(1);

        // The POA-exempt list has Z87.891; J18.9 is on no list.
        assertThat(lists.lookup(java.util.List.of("Z87.891", "J18.9")).keySet()).containsExactly("Z87891");
    }
}
