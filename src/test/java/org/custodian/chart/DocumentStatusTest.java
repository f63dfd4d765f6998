package org.custodian.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DocumentStatusTest {

    /** Drafts and documents cancelled by their source (HL7 v2 MDM^T11) never go out in a release. */
    @Test
    void onlyDocumentsOfTheLegalRecordAreReleased() {
        assertThat(Arrays.stream(DocumentStatus.values()).filter(DocumentStatus::released))
                .containsExactly(DocumentStatus.UNSIGNED, DocumentStatus.SIGNED, DocumentStatus.AMENDED);
    }
}
