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
        for (String name : new String[] {"patient", "chart", "audit", "privacy", "staff", "demo", "web", "coding"}) {
            org.assertj.core.api.Assertions.assertThat(modules.getModuleByName(name)).as(name).isPresent();
        }
    }
}
