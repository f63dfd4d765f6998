package org.custodian.demo.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custodian.demo.*}: whether the demo hospital is loaded and which one.
 *
 * @param enabled  {@code auto} (only into the zero-setup embedded database), {@code true} or {@code false}
 * @param seed     the generator's seed: the same seed gives the same hospital
 * @param patients how many people the hospital has (about 6% more registrations, the duplicates)
 */
@ConfigurationProperties("custodian.demo")
record DemoSettings(String enabled, Long seed, Integer patients) {

    DemoSettings {
        enabled = enabled == null || enabled.isBlank() ? "auto" : enabled.strip();
        seed = seed == null ? 20261127L : seed;
        patients = patients == null ? 1000 : patients;
        if (!enabled.equalsIgnoreCase("auto") && !enabled.equalsIgnoreCase("true") && !enabled.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("custodian.demo.enabled must be auto, true or false, not '" + enabled + "'");
        }
        if (patients < 1) {
            throw new IllegalArgumentException("custodian.demo.patients must be at least 1");
        }
    }

    /** "auto": the fake hospital goes only into an embedded database, never into a named server. */
    boolean loadInto(boolean embeddedDatabase) {
        return enabled.equalsIgnoreCase("auto") ? embeddedDatabase : Boolean.parseBoolean(enabled);
    }
}
