package org.custodian.practicum.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;
import org.custodian.chart.Sensitivity;
import org.custodian.disclosure.Authorization;
import org.custodian.disclosure.AuthorizationProblem;
import org.custodian.disclosure.LegalProcess;
import org.custodian.disclosure.ReleaseRules;
import org.custodian.disclosure.RequesterType;
import org.custodian.practicum.ExerciseDefinition;
import org.custodian.practicum.KeyEntry;
import org.custodian.practicum.WorkItem;

/**
 * A release-of-information queue: requests with valid and defective authorizations, sensitive
 * records and a subpoena. The key's decision comes from the disclosure module's own rules
 * ({@link ReleaseRules}: the elements of 45 CFR 164.508(c), legal process under 164.512(e),
 * segmentation under 42 CFR 2.31 and 164.508(a)(2)), so the exercise teaches what the ROI worklist
 * enforces; only a wrong-patient authorization, which the worklist catches at identity verification,
 * is decided here. Each request's deadline is the module's due date (30 days, 164.524(b)(2)).
 *
 * <p>{@code size} is the number of routine, releasable requests; {@code planted} adds defective
 * and sensitive ones. Key entries: {@code R1} → RELEASE, RELEASE_WITH_WITHHOLDING or DENY, and
 * {@code R1.due} → the due date.
 */
final class RoiExerciseGenerator {

    static final String RELEASE = "RELEASE";
    static final String WITHHOLD = "RELEASE_WITH_WITHHOLDING";
    static final String DENY = "DENY";
    static final List<String> DECISIONS = List.of(RELEASE, WITHHOLD, DENY);
    static final String DUE = ".due";
    static final String DUE_DATE = "DUE_DATE";

    static final String VALID = "VALID";
    static final String MISSING_ELEMENT = "MISSING_ELEMENT";
    static final String EXPIRED = "EXPIRED";
    static final String UNSIGNED = "UNSIGNED";
    static final String WRONG_PATIENT = "WRONG_PATIENT";
    static final String SUD_PART2 = "SUD_PART2";
    static final String PSYCHOTHERAPY_NOTES = "PSYCHOTHERAPY_NOTES";
    static final String HIV_STATE_LAW = "HIV_STATE_LAW";
    static final String SUBPOENA_NO_ASSURANCE = "SUBPOENA_NO_ASSURANCE";
    static final List<String> PLANTABLE = List.of(MISSING_ELEMENT, EXPIRED, UNSIGNED, WRONG_PATIENT, SUD_PART2,
            PSYCHOTHERAPY_NOTES, HIV_STATE_LAW, SUBPOENA_NO_ASSURANCE);

    /** The day the student works the queue: authorizations expire, clocks run, relative to it. */
    static final LocalDate WORK_DATE = LocalDate.of(2026, 3, 16);
    static final String WRONG_PATIENT_RULE = "the authorization names another individual: it authorizes nothing about this "
            + "patient, so there is no valid authorization (45 CFR 164.508(a)(1)); verify the identity of the person the "
            + "records are about (45 CFR 164.514(h))";

    private static final List<String> INSURERS = List.of("Harbor Life Insurance", "Prairie Mutual Life", "Lakeshore Disability Co.");
    private static final List<String> FIRMS = List.of("Dalton & Reyes LLP", "Whitcomb Law Group", "Okafor Legal PLLC");

    private RoiExerciseGenerator() {
    }

    private record Request(String planted, RequesterType type, String requester, String purpose, Authorization authorization,
                           String authorizationPatient, LegalProcess legal, Set<Sensitivity> tags, String records) {
    }

    static GeneratedExercise generate(ExerciseDefinition definition, long variant, ReleaseRules rules) {
        if (definition.size() < 1 || definition.size() > 30) {
            throw new IllegalArgumentException("size: a release-of-information queue has 1 to 30 routine requests");
        }
        for (String p : definition.planted().keySet()) {
            if (!PLANTABLE.contains(p)) {
                throw new IllegalArgumentException("planted: '" + p + "' is not a release-of-information case "
                        + String.join(", ", PLANTABLE));
            }
        }
        Random random = new Random(definition.seed() * 31 + variant);
        Faker faker = new Faker(Locale.US, random);
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < definition.size(); i++) {
            kinds.add(VALID);
        }
        for (String p : PLANTABLE) {
            for (int n = 0; n < definition.planted().getOrDefault(p, 0); n++) {
                kinds.add(p);
            }
        }
        Collections.shuffle(kinds, random);
        List<WorkItem> items = new ArrayList<>();
        List<KeyEntry> key = new ArrayList<>();
        for (int i = 0; i < kinds.size(); i++) {
            String id = "R" + (i + 1);
            String patient = faker.name().lastName() + ", " + faker.name().firstName();
            LocalDate dob = LocalDate.of(1940 + random.nextInt(60), 1 + random.nextInt(12), 1 + random.nextInt(28));
            LocalDate received = WORK_DATE.minusDays(random.nextInt(15));
            Request r = request(kinds.get(i), patient, dob, received, faker, random);

            // The key, from the disclosure module's rules.
            String decision;
            String rule;
            if (r.planted().equals(WRONG_PATIENT)) {
                decision = DENY;
                rule = WRONG_PATIENT_RULE;
            } else {
                List<AuthorizationProblem> problems = rules.problems(r.type(), r.authorization(), r.legal(), WORK_DATE);
                if (!problems.isEmpty()) {
                    decision = DENY;
                    rule = "deny until corrected: " + String.join("; ", problems.stream().map(AuthorizationProblem::toString).toList());
                } else {
                    var withheld = rules.withholding(r.tags(), r.type(), r.authorization());
                    decision = withheld.isPresent() ? WITHHOLD : RELEASE;
                    rule = withheld.map(w -> "release the rest and withhold — " + w)
                            .orElse("every element of 45 CFR 164.508(c) is present (or none is needed for this requester), "
                                    + "and no sensitive record is outside what it allows: release");
                }
            }
            LocalDate due = rules.dueOn(received, null);
            key.add(new KeyEntry(id, decision, r.planted(), rule));
            key.add(new KeyEntry(id + DUE, due.toString(), DUE_DATE, "act within 30 days of receipt (" + received + " + 30 = "
                    + due + "), 45 CFR 164.524(b)(2)(i); one 30-day extension only with a written reason, 164.524(b)(2)(iii)"));

            Map<String, String> f = new LinkedHashMap<>();
            f.put("Received", received.toString());
            f.put("Requester", r.requester() + " (" + r.type().label() + ")");
            f.put("Purpose", r.purpose());
            f.put("Patient", patient + ", born " + dob + " (TRAINING)");
            f.put("Records asked for", r.records());
            f.put("Authorization", describe(r.authorization(), r.authorizationPatient() == null ? patient + ", born " + dob
                    : r.authorizationPatient()));
            f.put("Legal process", r.legal().courtOrder() ? "court order" : r.legal().subpoena()
                    ? "subpoena signed by an attorney; no court order" + (r.legal().satisfactoryAssurance()
                    ? "; written assurance that the patient was notified" : "; no assurance that the patient was notified or "
                    + "that a qualified protective order was sought") : "none");
            items.add(new WorkItem(id, f, null));
        }
        return new GeneratedExercise(items, key);
    }

    private static Request request(String kind, String patient, LocalDate dob, LocalDate received, Faker faker, Random random) {
        String insurer = INSURERS.get(random.nextInt(INSURERS.size()));
        String firm = FIRMS.get(random.nextInt(FIRMS.size()));
        String family = patient.split(",")[0];
        String given = patient.split(", ")[1];
        LocalDate signed = received.minusDays(2 + random.nextInt(10));
        Authorization valid = new Authorization("discharge summaries, history and physical, and laboratory results, 2025",
                "Custodian General Hospital", insurer, "life insurance underwriting", signed.plusYears(1), null,
                given + " " + family, signed, false, null, Set.of());
        String standard = "discharge summary, history and physical, laboratory results";
        return switch (kind) {
            case VALID -> random.nextBoolean()
                    ? new Request(kind, RequesterType.THIRD_PARTY, insurer, "life insurance underwriting", valid, null,
                    LegalProcess.NONE, Set.of(), standard)
                    : new Request(kind, RequesterType.PATIENT, given + " " + family, "personal copy", null, null, LegalProcess.NONE,
                    Set.of(), standard);
            case MISSING_ELEMENT -> new Request(kind, RequesterType.THIRD_PARTY, insurer, "life insurance underwriting",
                    new Authorization(valid.description(), valid.discloser(), valid.recipient(), null, valid.expiresOn(), null,
                            valid.signedBy(), valid.signedOn(), false, null, Set.of()), null, LegalProcess.NONE, Set.of(), standard);
            case EXPIRED -> new Request(kind, RequesterType.THIRD_PARTY, insurer, "life insurance underwriting",
                    new Authorization(valid.description(), valid.discloser(), valid.recipient(), valid.purpose(),
                            WORK_DATE.minusDays(20 + random.nextInt(60)), null, valid.signedBy(), WORK_DATE.minusYears(1),
                            false, null, Set.of()), null, LegalProcess.NONE, Set.of(), standard);
            case UNSIGNED -> new Request(kind, RequesterType.THIRD_PARTY, firm, "personal injury claim",
                    new Authorization(valid.description(), valid.discloser(), firm, "personal injury claim", valid.expiresOn(),
                            null, null, null, false, null, Set.of()), null, LegalProcess.NONE, Set.of(), standard);
            case WRONG_PATIENT -> {
                String other = family + ", " + faker.name().firstName();
                yield new Request(kind, RequesterType.THIRD_PARTY, insurer, "life insurance underwriting", valid,
                        other + ", born " + dob.minusYears(26), LegalProcess.NONE, Set.of(), standard);
            }
            case SUD_PART2 -> new Request(kind, RequesterType.THIRD_PARTY, insurer, "life insurance underwriting", valid, null,
                    LegalProcess.NONE, Set.of(Sensitivity.SUBSTANCE_USE_DISORDER),
                    standard + "; the chart also holds counselling notes of the hospital's substance use disorder program "
                            + "(a 42 CFR Part 2 program); the authorization does not name them");
            case PSYCHOTHERAPY_NOTES -> new Request(kind, RequesterType.PATIENT, given + " " + family, "personal copy", null, null,
                    LegalProcess.NONE, Set.of(Sensitivity.PSYCHOTHERAPY_NOTES),
                    "the complete record, including the psychologist's psychotherapy notes kept apart from the chart");
            case HIV_STATE_LAW -> new Request(kind, RequesterType.THIRD_PARTY, insurer, "life insurance underwriting", valid, null,
                    LegalProcess.NONE, Set.of(Sensitivity.HIV_AIDS),
                    standard + "; the laboratory results include an HIV test; the authorization does not name HIV results");
            case SUBPOENA_NO_ASSURANCE -> new Request(kind, RequesterType.ATTORNEY, firm, "litigation (subpoena duces tecum)", null,
                    null, new LegalProcess(true, false, false), Set.of(), standard);
            default -> throw new IllegalArgumentException("planted: " + kind);
        };
    }

    private static String describe(Authorization a, String patient) {
        if (a == null) {
            return "none";
        }
        return "for " + patient + " · information: " + a.description() + " · from: " + a.discloser() + " · to: "
                + a.recipient() + " · purpose: " + (a.purpose() == null ? "(blank)" : a.purpose()) + " · expires: "
                + (a.expiresOn() == null ? "(blank)" : a.expiresOn()) + " · signed: "
                + (a.signedBy() == null ? "(no signature)" : a.signedBy() + " on " + a.signedOn());
    }
}
