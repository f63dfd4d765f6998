package org.custodian;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(CustodianApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theFoundationModulesExist() {
        for (String name : new String[] {"patient", "chart", "audit", "privacy", "staff", "demo", "web", "coding", "retention"}) {
            org.assertj.core.api.Assertions.assertThat(modules.getModuleByName(name)).as(name).isPresent();
        }
    }

    /** The chart asks about legal holds through its own SPI; it must never depend on retention (a cycle). */
    @Test
    void theChartDoesNotDependOnRetention() {
        var chart = modules.getModuleByName("chart").orElseThrow();
        var retention = modules.getModuleByName("retention").orElseThrow();
        org.assertj.core.api.Assertions.assertThat(chart.getDependencies(modules).contains(retention)).isFalse();
        org.assertj.core.api.Assertions.assertThat(retention.getDependencies(modules).contains(chart)).isTrue();
    }
}
