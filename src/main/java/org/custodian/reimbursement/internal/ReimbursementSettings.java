package org.custodian.reimbursement.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.custodian.reimbursement.BaseRate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code custodian.reimbursement.*}: the hospital's base rates by federal fiscal year,
 * {@code base-rates.FY2026.operating}, {@code .capital} (dollars) and {@code .source} (where the figures come
 * from). A fiscal year not listed has no rate: its stays are not priced ("no base rate for FY2027").
 * The shipped default (application.properties) is the FY2026 national rate, labelled as an example.
 */
@ConfigurationProperties("custodian.reimbursement")
public record ReimbursementSettings(Map<String, Rate> baseRates) {

    private static final Pattern FY = Pattern.compile("(?i)(?:fy)?(\\d{4})");

    /** One fiscal year's rate as configured. */
    public record Rate(BigDecimal operating, BigDecimal capital, String source) {
    }

    public ReimbursementSettings {
        baseRates = baseRates == null ? Map.of() : Map.copyOf(baseRates);
    }

    /** The configured rates; a key that is not a fiscal year or a rate missing a figure fails at start-up. */
    public List<BaseRate> rates() {
        List<BaseRate> out = new ArrayList<>();
        baseRates.forEach((key, rate) -> {
            Matcher m = FY.matcher(key.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("custodian.reimbursement.base-rates." + key
                        + ": the key must be a fiscal year such as FY2026");
            }
            String prefix = "custodian.reimbursement.base-rates." + key;
            if (rate == null || rate.operating() == null || rate.capital() == null) {
                throw new IllegalArgumentException(prefix + ": both .operating and .capital are required");
            }
            out.add(new BaseRate(Integer.parseInt(m.group(1)), rate.operating(), rate.capital(), rate.source()));
        });
        return out;
    }
}
