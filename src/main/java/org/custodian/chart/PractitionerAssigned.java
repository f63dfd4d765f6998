package org.custodian.chart;

import java.time.Instant;

/** Published when a practitioner is named on an encounter (an operating surgeon: the encounter was operated on). */
public record PractitionerAssigned(long encounterId, long patientId, ParticipantRole role, long practitionerId, Instant at) {
}
