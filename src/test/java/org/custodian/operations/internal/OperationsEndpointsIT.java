package org.custodian.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Probes for an orchestrator and the reliability metrics (issue 23). */
@CustodianTest
class OperationsEndpointsIT {

    @Autowired Api api;

    @Test
    void livenessAndReadinessAreOpenProbes() {
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Api.Response r = api.get(probe);
            assertThat(r.status()).as(probe).isEqualTo(200);
            assertThat(r.body()).as(probe).contains("UP").doesNotContain("components");
        }
    }

    @Test
    void auditMetricsAreExported() {
        Api.Response metrics = api.as("admin", "GET", "/actuator/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("custodian.audit.append", "custodian.audit.checkpoint.age",
                "custodian.audit.integrity", "custodian.audit.integrity.failures");
    }
}
