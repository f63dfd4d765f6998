package org.custodian.interop.internal.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** A FHIR request the server will not answer, with its HTTP status and the issue to send back. */
class FhirSearchException extends RuntimeException {

    private final int status;
    private final IssueType type;

    FhirSearchException(int status, IssueType type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static FhirSearchException badParameter(String name, String rule) {
        return new FhirSearchException(400, IssueType.INVALID, "parameter '" + name + "': " + rule);
    }

    int status() {
        return status;
    }

    OperationOutcome outcome() {
        OperationOutcome o = new OperationOutcome();
        o.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(getMessage());
        return o;
    }
}
