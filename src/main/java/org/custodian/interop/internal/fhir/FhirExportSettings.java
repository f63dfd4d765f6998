package org.custodian.interop.internal.fhir;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code custodian.fhir.export.*}: bulk data export ({@code $export}).
 *
 * @param partSize resources per part of an export file
 */
@Validated
@ConfigurationProperties("custodian.fhir.export")
public record FhirExportSettings(@DefaultValue("1000") @Min(1) int partSize) {
}
