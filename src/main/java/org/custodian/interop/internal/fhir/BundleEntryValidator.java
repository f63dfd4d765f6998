package org.custodian.interop.internal.fhir;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.stereotype.Component;

/**
 * Checks what an entry maps to as the patient and chart modules would on write (their records'
 * Bean Validation constraints), before anything is written: a violation rejects the bundle
 * naming the entry and the first violated property.
 */
@Component
class BundleEntryValidator {

    private final Validator validator;

    BundleEntryValidator(Validator validator) {
        this.validator = validator;
    }

    <T> void validate(int entry, String type, T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> v = violations.stream()
                    .min(Comparator.comparing(x -> x.getPropertyPath().toString())).orElseThrow();
            throw BundleRejected.entry(entry, type, null, IssueType.INVALID,
                    "failed validation: " + v.getPropertyPath() + ": " + v.getMessage());
        }
    }
}
