package org.custodian.chart;

import java.time.Instant;
import java.util.Objects;

/**
 * A practitioner of the provider directory in a role on an encounter; {@code at} is when the role
 * began (for {@link ParticipantRole#OPERATING}, the time of surgery), null when not known.
 */
public record EncounterParticipant(ParticipantRole role, long practitionerId, Instant at) {
    public EncounterParticipant {
        Objects.requireNonNull(role);
    }
}
