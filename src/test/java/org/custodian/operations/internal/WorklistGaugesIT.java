package org.custodian.operations.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.custodian.support.Api;
import org.custodian.support.CustodianTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Worklist sizes as gauges at /actuator/prometheus (issue 23): one per module worklist, each the
 * count of what waits on it; a message that failed adds one to the interface analyst's worklist.
 */
@CustodianTest
class WorklistGaugesIT {

    @Autowired Api api;
    @Autowired MeterRegistry meters;
    @Autowired WorklistGauges gauges;
    @Autowired JdbcClient jdbc;

    @Test
    void everyWorklistIsAGaugeThatCounts() {
        String scraped = api.as("admin", "GET", "/actuator/prometheus", null).body();
        for (String w : new String[] {"coding", "deficiencies", "disclosures", "mpi-pairs", "cdi-queries", "interface-failures"}) {
            assertThat(scraped).contains("custodian_worklist_size{worklist=\"" + w + "\"}");
        }
        gauges.forget();
        assertThat(size("deficiencies")).isEqualTo(
                jdbc.sql("select count(*) from deficiency where state = 'OPEN'").query(Long.class).single().doubleValue());

        String control = "GAUGE-" + System.nanoTime();
        double before = size("interface-failures");
        jdbc.sql("""
                insert into hl7_message (received_at, sending_application, sending_facility, control_id, message_type,
                                         raw, status, ack_code, error)
                values (timestamptz '2001-01-01 00:00:00+00', 'GAUGETEST', 'GAUGEFAC', ?, 'ADT^A01', 'MSH|', 'FAILED', 'AE', 'test')""")
                .param(control).update();
        try {
            gauges.forget();
            assertThat(size("interface-failures")).isEqualTo(before + 1);
        } finally {
            jdbc.sql("delete from hl7_message where sending_application = 'GAUGETEST' and control_id = ?").param(control).update();
        }
    }

    private double size(String worklist) {
        return meters.get("custodian.worklist.size").tag("worklist", worklist).gauge().value();
    }
}
