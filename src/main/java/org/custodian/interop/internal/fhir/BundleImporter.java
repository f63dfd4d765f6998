package org.custodian.interop.internal.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.custodian.audit.AuditEntry;
import org.custodian.audit.AuditTrail;
import org.custodian.interop.internal.fhir.ImportReport.EntryResult;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.dao.DataAccessException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports one FHIR Bundle all-or-nothing. First everything is checked without writing: the bundle
 * type, each kept resource's required content (validated as the patient and chart modules would),
 * and every reference to a kept type, resolved inside the bundle or to what an earlier import
 * stored. Only then is it written, in one transaction through the patient and chart modules' bulk
 * APIs, with the source's identity of each resource in {@code fhir_source_map}: a resource already
 * there is left as it is, so a second import of the same bundle changes nothing.
 *
 * <p>Mapped into the chart's own tables: Patient, Encounter, Condition, Procedure, DocumentReference,
 * DiagnosticReport with a presentedForm, Practitioner, Organization ({@link BundleIndex#KEPT}).
 * Every entry, of these types and all others, is also kept as received by {@link ResourceStore}
 * in the same transaction: nothing is dropped.
 *
 * <p>The steps: {@link BundleIndex} reads the bundle and resolves references, {@link BundleMapper}
 * maps each new entry by its kind into an {@link ImportPlan}, {@link BundleWriter} writes the plan.
 */
@Service
class BundleImporter {

    private final SourceMap map;
    private final BundleMapper mapper;
    private final BundleWriter writer;
    private final TransactionTemplate tx;
    private final ResourceStore store;
    private final AuditTrail audit;
    private final DocumentCopies copies;

    BundleImporter(SourceMap map, BundleMapper mapper, BundleWriter writer, TransactionTemplate tx, ResourceStore store,
                   AuditTrail audit, DocumentCopies copies) {
        this.audit = audit;
        this.copies = copies;
        this.store = store;
        this.map = map;
        this.mapper = mapper;
        this.writer = writer;
        this.tx = tx;
    }

    /** The signed-in sender (an interface account, or the user who uploads); the CLI imports as "system". */
    private static String sender() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    ImportReport importBundle(Bundle bundle) {
        Bundle.BundleType type = bundle.getType();
        if (type != Bundle.BundleType.TRANSACTION && type != Bundle.BundleType.BATCH
                && type != Bundle.BundleType.COLLECTION) {
            throw new BundleRejected(IssueType.NOTSUPPORTED, "Bundle.type", "Bundle.type: "
                    + (type == null ? "missing" : type.toCode()) + "; only transaction, batch and collection are imported");
        }
        BundleIndex index = new BundleIndex(bundle, sender());
        try {
            index.lookupStored(map);
        } catch (DataAccessException e) {
            throw new BundleRejected(IssueType.PROCESSING, null, "the database refused a lookup of this bundle's ids ("
                    + e.getClass().getSimpleName() + "); nothing was stored");
        }
        ImportPlan plan = mapper.plan(index);
        BundleWriter.Written written;
        ResourceStore.Stored[] stored = new ResourceStore.Stored[1];
        // Every audit event of the write goes in with the bundle's rows, in one append at the end of
        // its transaction (45 CFR 164.312(b)): none for a bundle that was not stored, and one round
        // trip to the audit chain per bundle rather than one per module call.
        List<AuditEntry> audited = new ArrayList<>();
        try {
            written = tx.execute(status -> {
                BundleWriter.Written w = audit.collecting(audited, () -> {
                    BundleWriter.Written x = writer.write(index, plan);
                    stored[0] = store.store(index, x.localIds());
                    copies.link(index, x.localIds(), stored[0].fhirIds()); // read under the documents' tags (issue 15)
                    return x;
                });
                audit.recordAllInTransaction(audited);
                return w;
            });
        } catch (DataAccessException e) {
            // A concurrent import of the same resources, or a clash the checks could not foresee.
            throw new BundleRejected(IssueType.CONFLICT, null, "the database refused the bundle ("
                    + e.getClass().getSimpleName() + "); nothing was stored");
        } catch (IllegalArgumentException e) {
            throw new BundleRejected(IssueType.BUSINESSRULE, null, FhirInput.sanitize(e.getMessage()) + "; nothing was stored");
        }
        return report(type.toCode(), index, plan, written, stored[0]);
    }

    private static ImportReport report(String type, BundleIndex index, ImportPlan plan, BundleWriter.Written written,
                                       ResourceStore.Stored stored) {
        Map<String, Integer> created = ImportReport.counter();
        Map<String, Integer> updated = ImportReport.counter();
        Map<String, Integer> unchanged = ImportReport.counter();
        List<EntryResult> results = new ArrayList<>(index.entries.size());
        for (int i = 0; i < index.entries.size(); i++) {
            String rt = index.resource(i).fhirType();
            if (index.sourceIds[i] == null) {
                // Kept as received only (not a kind the chart's own tables model).
                String location = rt + "/" + stored.fhirIds()[i];
                switch (stored.outcomes().get(i)) {
                    case CREATED -> {
                        created.merge(rt, 1, Integer::sum);
                        results.add(new EntryResult("201 Created", location, null));
                    }
                    case UPDATED -> {
                        updated.merge(rt, 1, Integer::sum);
                        results.add(new EntryResult("200 OK", location, "changed since the last import; new version kept"));
                    }
                    case UNCHANGED -> {
                        unchanged.merge(rt, 1, Integer::sum);
                        results.add(new EntryResult("200 OK", location, "already imported; unchanged"));
                    }
                }
            } else if (index.existing.containsKey(i)) {
                unchanged.merge(rt, 1, Integer::sum);
                results.add(new EntryResult("200 OK", rt + "/" + index.existing.get(i).localId(), "already imported; unchanged"));
            } else {
                created.merge(rt, 1, Integer::sum);
                Integer same = plan.sameDocument.get(i);
                results.add(new EntryResult("201 Created", rt + "/" + written.localIds().get(i),
                        same == null ? null : ImportReport.SAME_DOCUMENT + same));
            }
        }
        return new ImportReport(type, created, updated, unchanged, results);
    }
}
