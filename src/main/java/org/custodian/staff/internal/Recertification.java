package org.custodian.staff.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.custodian.staff.CeActivity;
import org.custodian.staff.CredentialProgress;
import org.custodian.staff.RecertificationStatus;
import org.custodian.staff.StaffCredential;

/**
 * The recertification arithmetic, free of storage so that each rule can be tested at any date:
 * a credential's requirement (with the body's multiple-credential rule), the CEUs earned inside its
 * cycle (both ends inclusive), the share that must fall in the HIIM domains, and the due warnings
 * at 90, 60 and 30 days before the cycle ends.
 */
final class Recertification {

    private final RecertificationRules rules;

    Recertification(RecertificationRules rules) {
        this.rules = rules;
    }

    /** The cycle a new credential gets: the holder's current cycle with the same body, or one from its exam date. */
    Cycle defaultCycle(String code, LocalDate earnedOn, Collection<StaffCredential> held) {
        String body = rules.credential(code).map(RecertificationRules.CredentialRule::body).orElse(null);
        if (body != null && rules.combinations().containsKey(body)) {
            Optional<StaffCredential> shared = held.stream()
                    .filter(c -> rules.credential(c.code()).map(r -> r.body().equals(body)).orElse(false))
                    .filter(c -> !earnedOn.isAfter(c.cycleEnd()))
                    .findFirst();
            if (shared.isPresent()) {
                return new Cycle(shared.get().cycleStart(), shared.get().cycleEnd());
            }
        }
        return new Cycle(earnedOn, earnedOn.minusDays(1).plusYears(rules.cycleYears()));
    }

    record Cycle(LocalDate start, LocalDate end) {
    }

    /** CEUs a credential requires given every credential its holder has of the same body. */
    BigDecimal required(StaffCredential credential, Collection<StaffCredential> held) {
        RecertificationRules.CredentialRule rule = rules.credential(credential.code()).orElse(null);
        if (rule == null) {
            return BigDecimal.ZERO;
        }
        RecertificationRules.Combination combination = rules.combinations().get(rule.body());
        if (combination == null) {
            return rule.ceus();
        }
        List<RecertificationRules.CredentialRule> sameBody = held.stream()
                .map(c -> rules.credential(c.code()).orElse(null))
                .filter(r -> r != null && r.body().equals(rule.body()))
                .toList();
        BigDecimal base = sameBody.stream().map(RecertificationRules.CredentialRule::ceus)
                .reduce(rule.ceus(), BigDecimal::max);
        BigDecimal additional = combination.additionalCredentialCeus()
                .multiply(BigDecimal.valueOf(Math.max(0, sameBody.size() - 1)));
        return base.add(additional).min(combination.maximumCeus());
    }

    List<CredentialProgress> progress(Collection<StaffCredential> held, Collection<CeActivity> activities, LocalDate today) {
        List<CredentialProgress> result = new ArrayList<>();
        for (StaffCredential c : held) {
            BigDecimal required = required(c, held);
            BigDecimal earned = BigDecimal.ZERO;
            BigDecimal hiim = BigDecimal.ZERO;
            for (CeActivity a : activities) {
                if (a.completedOn().isBefore(c.cycleStart()) || a.completedOn().isAfter(c.cycleEnd())) {
                    continue;
                }
                earned = earned.add(a.ceus());
                if (rules.isHiim(a.domain())) {
                    hiim = hiim.add(a.ceus());
                }
            }
            BigDecimal hiimRequired = required.multiply(rules.hiimMinimumShare()).setScale(2, RoundingMode.CEILING);
            long daysLeft = ChronoUnit.DAYS.between(today, c.cycleEnd());
            boolean met = earned.compareTo(required) >= 0 && hiim.compareTo(hiimRequired) >= 0;
            RecertificationRules.CredentialRule rule = rules.credential(c.code()).orElse(null);
            result.add(new CredentialProgress(c.code(), rule == null ? c.code() : rule.title(),
                    rule == null ? "" : rule.body(), c.cycleStart(), c.cycleEnd(), required, earned, hiimRequired,
                    hiim, daysLeft, status(met, daysLeft)));
        }
        return result;
    }

    static RecertificationStatus status(boolean met, long daysLeft) {
        if (met) {
            return RecertificationStatus.MET;
        }
        if (daysLeft < 0) {
            return RecertificationStatus.LAPSED;
        }
        if (daysLeft <= 30) {
            return RecertificationStatus.DUE_IN_30_DAYS;
        }
        if (daysLeft <= 60) {
            return RecertificationStatus.DUE_IN_60_DAYS;
        }
        if (daysLeft <= 90) {
            return RecertificationStatus.DUE_IN_90_DAYS;
        }
        return RecertificationStatus.IN_PROGRESS;
    }

    /** The job requirements a holder of these roles and credentials does not meet, e.g. "CODER: one of CCS, CCA". */
    List<String> unmetJobRequirements(Collection<String> roles, LocalDate today, Collection<StaffCredential> held) {
        List<String> unmet = new ArrayList<>();
        for (String role : roles) {
            for (List<String> anyOf : rules.jobRequirements().getOrDefault(role, List.of())) {
                boolean meets = held.stream().anyMatch(c -> anyOf.contains(c.code()) && !today.isAfter(c.cycleEnd()));
                if (!meets) {
                    unmet.add(role + ": one of " + String.join(", ", anyOf) + " (current)");
                }
            }
        }
        return unmet;
    }
}
