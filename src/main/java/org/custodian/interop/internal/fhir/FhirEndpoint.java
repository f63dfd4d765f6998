package org.custodian.interop.internal.fhir;

/**
 * Marks a controller of the FHIR API, so that {@link FhirErrors} answers its errors as
 * OperationOutcomes in the format the client asked for.
 */
interface FhirEndpoint {
}
