package org.custodian.interop.internal.fhir;

import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A bundle that cannot be imported, with the entry and the rule it broke. The message never holds
 * patient data: it names entries by index, resource type and the source's id, and fields by path.
 */
class BundleRejected extends RuntimeException {

    private final IssueType type;
    private final String expression;

    BundleRejected(IssueType type, String expression, String message) {
        super(message);
        this.type = type;
        this.expression = expression;
    }

    static BundleRejected entry(int index, String resourceType, String path, IssueType type, String problem) {
        String where = "Bundle.entry[" + index + "]" + (resourceType == null ? "" : ".resource");
        String expression = path == null ? where : where + "." + path;
        return new BundleRejected(type, expression, "entry " + index + (resourceType == null ? "" : " (" + resourceType + ")")
                + (path == null ? "" : ", " + resourceType + "." + path) + ": " + problem);
    }

    IssueType type() {
        return type;
    }

    String expression() {
        return expression;
    }

    OperationOutcome outcome() {
        OperationOutcome outcome = new OperationOutcome();
        var issue = outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type)
                .setDiagnostics("Bundle rejected, nothing stored: " + getMessage());
        if (expression != null) {
            issue.addExpression(expression);
        }
        return outcome;
    }
}
