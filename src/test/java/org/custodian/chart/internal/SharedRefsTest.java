package org.custodian.chart.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The references $everything follows to resources of no patient are picked from the search terms when a resource is stored. */
class SharedRefsTest {

    @Test
    void referenceTermsToSharedTypesAreKeptOnceAndNothingElse() {
        assertThat(JdbcClinicalResources.sharedRefs(List.of("service-provider=Organization/a", "subject=Patient/p",
                "code=http://loinc.org|1234-5", "name:organization/x", "participant=PractitionerRole/r",
                "organization=Organization/a", "encounter=Encounter/e", "location=Location/l")))
                .containsExactly("Organization/a", "PractitionerRole/r", "Location/l");
        assertThat(JdbcClinicalResources.sharedRefs(List.of("code=http://snomed.info/sct|1", "status=final"))).isEmpty();
    }
}
