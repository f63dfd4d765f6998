package org.custodian.interop.internal.hl7;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hl7v2.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.custodian.interop.FhirBundleImport;
import org.custodian.mpi.MasterPatientIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies an ORU^R01 (observation results): maps it to FHIR R4 Observations and DiagnosticReports
 * ({@link OruMapper}) and hands them, as one collection Bundle, to the interop module's FHIR
 * import, inside the receiver's transaction, so that the results and the message's row commit
 * together before the AA. The patient is found by PID-3 at the sending facility (never
 * registered from a result: an unknown MRN is an AE naming PID-3) and referred to in the bundle
 * by Custodian's MRN identifier. A bundle the import rejects is an AE with the import's reason.
 */
@Component
class OruApplier {

    private static final Logger log = LoggerFactory.getLogger(OruApplier.class);
    static final String NAME_PREFIX = "hl7v2-oru-";

    private final MasterPatientIndex mpi;
    private final FhirBundleImport fhirImport;
    private final FhirContext fhir;

    OruApplier(MasterPatientIndex mpi, FhirBundleImport fhirImport, FhirContext fhir) {
        this.mpi = mpi;
        this.fhirImport = fhirImport;
        this.fhir = fhir;
    }

    /** Applies the message; returns the patient it concerned. */
    long apply(AdtFields m, Hl7Header h) {
        if (!"R01".equals(h.trigger())) {
            throw AdtProblem.reject(ErrorCode.UNSUPPORTED_EVENT_CODE, "MSH", 9, "ORU event "
                    + (h.trigger() == null ? "(none)" : AdtApplier.sanitize(h.trigger())) + " is not R01");
        }
        String facility = h.facility();
        String mrn = AdtApplier.mrn(m);
        long patient = mpi.resolveMrn(facility, mrn).orElseThrow(() -> AdtProblem.error(ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                "PID", 3, "no patient with this MRN at the sending facility; the results were not kept"
                        + " (the patient's registration, ADT, must come first)"));
        OruMapper.Mapped mapped = OruMapper.map(m.message(), facility, mrn);
        byte[] json = fhir.newJsonParser().encodeResourceToString(mapped.bundle()).getBytes(StandardCharsets.UTF_8);
        FhirBundleImport.Result result = fhirImport.importContent(NAME_PREFIX + AdtApplier.sanitize(h.controlId()) + ".json",
                json);
        if (!result.accepted()) {
            throw AdtProblem.error(ErrorCode.APPLICATION_INTERNAL_ERROR, "OBX", 0,
                    "the results were refused by the FHIR import: " + result.rejection());
        }
        log.debug("ORU {}: {} report(s), {} observation(s); import created {}, unchanged {}",
                AdtApplier.sanitize(h.controlId()), mapped.reports().size(), mapped.observations().size(),
                result.created(), result.unchanged());
        return patient;
    }
}
