package org.custodian.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HL7 PurposeOfUse codes the break-the-glass page offers (the privacy module accepts the same). */
final class JdbcConfidentialityPurposes {

    static final Map<String, String> PURPOSES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ETREAT", "Emergency treatment");
        m.put("TREAT", "Treatment");
        m.put("CAREMGT", "Care management");
        m.put("BTG", "Break the glass (other)");
        m.put("HOPERAT", "Healthcare operations");
        m.put("PATRQT", "Patient requested");
        m.put("HLEGAL", "Legal");
        m.put("PUBHLTH", "Public health");
        PURPOSES = java.util.Collections.unmodifiableMap(m);
    }

    private JdbcConfidentialityPurposes() {
    }
}
