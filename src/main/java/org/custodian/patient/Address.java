package org.custodian.patient;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record Address(
        @Size(max = 200) String line,
        @Size(max = 100) String city,
        @Pattern(regexp = "[A-Z]{2}", message = "two-letter state code") String state,
        @Pattern(regexp = "[0-9]{5}(-[0-9]{4})?", message = "ZIP code: 5 digits or ZIP+4") String postalCode) {

    public String oneLine() {
        StringBuilder sb = new StringBuilder();
        for (String part : new String[] {line, city, state == null ? null : state + (postalCode == null ? "" : " " + postalCode)}) {
            if (part != null && !part.isBlank()) {
                if (!sb.isEmpty()) {
                    sb.append(", ");
                }
                sb.append(part);
            }
        }
        return sb.toString();
    }
}
