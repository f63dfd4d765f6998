package org.custodian.mpi.internal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Term-frequency adjustment: exact agreement on a value held by a share f of records is evidence
 * in proportion to its rarity. Relative to the field's average chance agreement Σf², a shared value
 * adds log2(Σf² / f) bits (negative for common values such as "smith"), capped at ±max bits so a
 * one-off spelling cannot carry a pair on its own.
 */
final class ValueFrequencies {

    private final Map<MatchField, Map<String, Double>> adjustments = new EnumMap<>(MatchField.class);

    ValueFrequencies(List<MpiRecord> records, double maxBits) {
        for (MatchField field : MatchField.values()) {
            if (!field.frequencyAdjusted()) {
                continue;
            }
            Map<String, Integer> counts = new HashMap<>();
            int n = 0;
            for (MpiRecord r : records) {
                String v = field.value(r);
                if (v != null) {
                    counts.merge(v, 1, Integer::sum);
                    n++;
                }
            }
            double sumSquares = 0;
            for (int c : counts.values()) {
                sumSquares += ((double) c / n) * ((double) c / n);
            }
            Map<String, Double> bits = new HashMap<>();
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                double f = (double) e.getValue() / n;
                double b = FellegiSunterModel.log2(sumSquares / f);
                bits.put(e.getKey(), Math.max(-maxBits, Math.min(maxBits, b)));
            }
            adjustments.put(field, bits);
        }
    }

    double adjustment(MatchField field, String value) {
        Map<String, Double> bits = adjustments.get(field);
        return bits == null || value == null ? 0 : bits.getOrDefault(value, 0.0);
    }
}
