package org.custodian.cdi;

import java.math.BigDecimal;
import java.util.List;

/**
 * A worklist rule as data: it fires on a stay whose record shows the indicator ({@code operator} over
 * the {@code loinc} Observations against {@code threshold}, within {@code windowHours} for a rise or a
 * drop; or over the working MS-DRG and principal diagnosis) with the {@code requiresCodes} context, and
 * none of the {@code satisfyingCodes} (ICD-10-CM prefixes without dots) documented.
 */
public record CdiRule(String id, String title, String operator, List<String> loinc, BigDecimal threshold, Integer windowHours,
                      List<String> requiresCodes, List<String> satisfyingCodes, String template, String citation, boolean active,
                      int version) {

    public CdiRule {
        loinc = loinc == null ? List.of() : List.copyOf(loinc);
        requiresCodes = requiresCodes == null ? List.of() : List.copyOf(requiresCodes);
        satisfyingCodes = satisfyingCodes == null ? List.of() : List.copyOf(satisfyingCodes);
    }
}
